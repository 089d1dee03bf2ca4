package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.internal.crypto.Totp;
import io.gatehouse.identity.persistence.MfaDeviceEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Virtual MFA devices: CreateVirtualMFADevice, EnableMFADevice, ResyncMFADevice,
 * DeactivateMFADevice, ListMFADevices, ListVirtualMFADevices, DeleteVirtualMFADevice. The seed is
 * returned once, by CreateVirtualMFADevice (with its QR code), and stored only sealed under the
 * master key; it never enters the audit record. Codes are checked by {@link MfaVerifier}, which
 * never accepts a code twice.
 */
@ApplicationScoped
public class MfaActions implements IamActionGroup {
    static final int MAX_DEVICES_PER_USER = 8;
    /** EnableMFADevice: the first code may be up to two steps old (typed, then waited for the next). */
    static final int ENABLE_STEPS_BACK = 2;
    /** ResyncMFADevice: codes of a device whose clock drifted up to ten minutes behind are accepted. */
    static final int RESYNC_STEPS_BACK = 20;
    static final String RESOURCE_TYPE = "AWS::IAM::VirtualMFADevice";
    private static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]+");
    private static final Pattern CODE = Pattern.compile("[\\d]+");

    @Inject
    Guard guard;
    @Inject
    MfaVerifier verifier;
    @Inject
    SecretBox secretBox;
    @Inject
    Clock clock;

    private final Totp totp = new Totp();

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("CreateVirtualMFADevice", this::create, "EnableMFADevice", this::enable,
                "ResyncMFADevice", this::resync, "DeactivateMFADevice", this::deactivate,
                "ListMFADevices", this::list, "ListVirtualMFADevices", this::listVirtual,
                "DeleteVirtualMFADevice", this::delete);
    }

    /** The id a device's tags are stored under (iam_tag ids are at most 64 characters; serials are longer). */
    static String tagId(String serialNumber) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(serialNumber.getBytes(StandardCharsets.UTF_8));
            return "mfa:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static String serial(QueryParams p) {
        String serial = Constraints.length(p.required("SerialNumber"), "serialNumber", 9, 256);
        Constraints.pattern(serial, "serialNumber", SERIAL);
        return serial;
    }

    /** A six-digit code, refused without echoing it (the audit record keeps error messages). */
    private static String code(QueryParams p, String name) {
        String code = p.required(name);
        if (code.length() != 6 || !CODE.matcher(code).matches()) {
            String member = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            throw AwsException.validation("1 validation error detected: Value at '" + member
                    + "' failed to satisfy constraint: Member must have length 6 and satisfy regular expression pattern: "
                    + CODE.pattern());
        }
        return code;
    }

    static AwsException noDevice(String serial) {
        return AwsException.noSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist.");
    }

    private static AwsException invalidCode() {
        return new AwsException("InvalidAuthenticationCode", 403, "Authentication code for the MFA device is not valid.");
    }

    static AwsReply.Resource resource(MfaDeviceEntity device) {
        return new AwsReply.Resource(RESOURCE_TYPE, device.serialNumber, device.accountId);
    }

    /** The named user (existing-user names may be up to 128 characters), or the calling IAM user. */
    private static UserEntity user(AwsCall call, boolean required) {
        Caller caller = call.caller();
        String name = required ? call.params().required("UserName")
                : call.params().optional("UserName").orElse(caller == null ? null : caller.userName());
        if (name == null) {
            throw AwsException.validation("Must specify userName when calling with non-User credentials");
        }
        return UserActions.find(Guard.account(call), Constraints.name(name, "userName", 128));
    }

    private AwsReply create(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String name = Constraints.name(p.required("VirtualMFADeviceName"), "virtualMFADeviceName", 226);
        String path = Constraints.path(p.optional("Path").orElse("/"), "path");
        Map<String, String> tags = Constraints.tags(p.tags("Tags"));
        String serial = Arns.iam(account, "mfa", path, name);
        Constraints.length(serial, "serialNumber", 9, 256);
        guard.require(call, "iam:CreateVirtualMFADevice", serial, Guard.tagContext(tags, null));
        if (MfaDeviceEntity.findById(serial) != null) {
            throw AwsException.alreadyExists("MFADevice entity at the same path and name already exists.");
        }
        String seed = totp.newSeed();
        MfaDeviceEntity device = new MfaDeviceEntity();
        device.serialNumber = serial;
        device.accountId = account;
        device.name = name;
        device.path = path;
        device.seedSealed = secretBox.sealToBase64(seed, MfaVerifier.aad(serial));
        device.createdAt = clock.instant();
        device.persist();
        Tags.put(tagId(serial), tags);
        Base64.Encoder b64 = Base64.getEncoder();
        XmlWriter xml = new XmlWriter().start("VirtualMFADevice").element("SerialNumber", serial)
                .element("Base32StringSeed", b64.encodeToString(seed.getBytes(StandardCharsets.US_ASCII)))
                .element("QRCodePNG", b64.encodeToString(MfaQrCode.png(seed, name + "@" + account)));
        Tags.write(xml, tags);
        xml.end("VirtualMFADevice");
        // The audit record names the device; the seed and QR code stay out of it.
        return Replies.write(xml, Map.of("virtualMFADevice", Map.of("serialNumber", serial)), resource(device));
    }

    private AwsReply enable(AwsCall call) {
        QueryParams p = call.params();
        UserEntity user = user(call, true);
        String serial = serial(p);
        String code1 = code(p, "AuthenticationCode1");
        String code2 = code(p, "AuthenticationCode2");
        guard.require(call, "iam:EnableMFADevice", user.arn);
        MfaDeviceEntity device = MfaVerifier.lock(serial);
        if (device == null || !device.accountId.equals(user.accountId)) {
            throw noDevice(serial);
        }
        if (device.userId != null) {
            throw AwsException.alreadyExists("MFA Device is already in use.");
        }
        if (MfaDeviceEntity.count("userId", user.id) >= MAX_DEVICES_PER_USER) {
            throw AwsException.limitExceeded("Cannot exceed quota for MFADevicesPerUser: " + MAX_DEVICES_PER_USER);
        }
        Instant now = clock.instant();
        OptionalLong step = verifier.consecutive(device, code1, code2, now, ENABLE_STEPS_BACK);
        if (step.isEmpty()) {
            throw invalidCode();
        }
        device.lastUsedStep = step.getAsLong();
        device.userId = user.id;
        device.enabledAt = now;
        return Replies.write(null, null, Replies.user(user), resource(device));
    }

    /** Checks two consecutive codes over a wider window; the device keeps no drift offset, so this records their step. */
    private AwsReply resync(AwsCall call) {
        QueryParams p = call.params();
        UserEntity user = user(call, true);
        String serial = serial(p);
        String code1 = code(p, "AuthenticationCode1");
        String code2 = code(p, "AuthenticationCode2");
        guard.require(call, "iam:ResyncMFADevice", user.arn);
        MfaDeviceEntity device = MfaVerifier.lock(serial);
        if (device == null || !user.id.equals(device.userId)) {
            throw noDevice(serial);
        }
        OptionalLong step = verifier.consecutive(device, code1, code2, clock.instant(), RESYNC_STEPS_BACK);
        if (step.isEmpty()) {
            throw invalidCode();
        }
        device.lastUsedStep = step.getAsLong();
        return Replies.write(null, null, Replies.user(user), resource(device));
    }

    private AwsReply deactivate(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String serial = serial(p);
        UserEntity named = p.optional("UserName").isPresent() ? user(call, true) : null;
        MfaDeviceEntity device = MfaVerifier.lock(serial);
        boolean assigned = device != null && device.accountId.equals(account) && device.userId != null
                && (named == null || named.id.equals(device.userId));
        UserEntity user = named != null ? named : assigned ? UserEntity.findById(device.userId) : null;
        guard.require(call, "iam:DeactivateMFADevice", user != null ? user.arn : Arns.listing(account, "user"));
        if (!assigned) {
            throw noDevice(serial);
        }
        device.userId = null;
        device.enabledAt = null; // lastUsedStep stays: a code used once is never accepted again
        return Replies.write(null, null, Replies.user(user), resource(device));
    }

    private AwsReply list(AwsCall call) {
        UserEntity user = user(call, false);
        guard.require(call, "iam:ListMFADevices", user.arn);
        Page page = Page.of(call.params());
        List<MfaDeviceEntity> devices = MfaDeviceEntity.find("userId = ?1 and serialNumber > ?2", Sort.by("serialNumber"),
                user.id, page.after() == null ? "" : page.after()).page(0, page.maxItems() + 1).list();
        XmlWriter xml = new XmlWriter();
        page.write(xml, "MFADevices", devices, d -> d.serialNumber, (x, d) -> x.element("UserName", user.name)
                .element("SerialNumber", d.serialNumber).element("EnableDate", d.enabledAt));
        return AwsReply.read(xml.toString());
    }

    private AwsReply listVirtual(AwsCall call) {
        String account = Guard.account(call);
        String status = call.params().optional("AssignmentStatus").orElse("Any");
        String filter = switch (status) {
            case "Assigned" -> " and userId is not null";
            case "Unassigned" -> " and userId is null";
            case "Any" -> "";
            default -> throw AwsException.validation("1 validation error detected: Value '" + status
                    + "' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[Assigned, Unassigned, Any]");
        };
        Page page = Page.of(call.params());
        guard.require(call, "iam:ListVirtualMFADevices", Arns.listing(account, "mfa"));
        List<MfaDeviceEntity> devices = MfaDeviceEntity.find("accountId = ?1 and serialNumber > ?2" + filter,
                Sort.by("serialNumber"), account, page.after() == null ? "" : page.after())
                .page(0, page.maxItems() + 1).list();
        XmlWriter xml = new XmlWriter();
        page.write(xml, "VirtualMFADevices", devices, d -> d.serialNumber, (x, d) -> {
            x.element("SerialNumber", d.serialNumber);
            UserEntity user = d.userId == null ? null : UserEntity.findById(d.userId);
            if (user != null) {
                x.start("User");
                UserXml.basic(x, user);
                x.end("User");
            }
            x.element("EnableDate", d.enabledAt);
            Tags.write(x, Tags.of(tagId(d.serialNumber)));
        });
        return AwsReply.read(xml.toString());
    }

    private AwsReply delete(AwsCall call) {
        String serial = serial(call.params());
        String account = Guard.account(call);
        guard.require(call, "iam:DeleteVirtualMFADevice", serial);
        MfaDeviceEntity device = MfaVerifier.lock(serial);
        if (device == null || !device.accountId.equals(account)) {
            throw noDevice(serial);
        }
        if (device.userId != null) {
            throw AwsException.deleteConflict("MFA Device is still in use.");
        }
        Tags.removeAll(tagId(serial));
        device.delete();
        return Replies.write(null, null, resource(device));
    }
}
