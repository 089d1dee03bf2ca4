package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.persistence.MfaDeviceEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * TagMFADevice, UntagMFADevice, ListMFADeviceTags. A device's tags are stored under
 * {@link MfaActions#tagId}; authorization is on the device's serial number (its ARN), with the
 * tag condition keys.
 */
@ApplicationScoped
public class MfaTagActions implements IamActionGroup {
    @Inject
    Guard guard;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("TagMFADevice", this::tag, "UntagMFADevice", this::untag, "ListMFADeviceTags", this::list);
    }

    /** The caller's account's device, once the caller may perform {@code action} on it. */
    private MfaDeviceEntity device(AwsCall call, String action, Map<String, String> requestTags, List<String> keys) {
        String serial = MfaActions.serial(call.params());
        String account = Guard.account(call);
        MfaDeviceEntity device = MfaDeviceEntity.findById(serial);
        boolean found = device != null && device.accountId.equals(account);
        Map<String, List<String>> context = Guard.tagContext(requestTags,
                found ? Tags.of(MfaActions.tagId(serial)) : null);
        if (keys != null) {
            context.put("aws:TagKeys", keys);
        }
        guard.require(call, action, serial, context);
        if (!found) {
            throw MfaActions.noDevice(serial);
        }
        return device;
    }

    private AwsReply tag(AwsCall call) {
        Map<String, String> tags = call.params().tags("Tags");
        MfaDeviceEntity device = device(call, "iam:TagMFADevice", tags, null);
        Tags.put(MfaActions.tagId(device.serialNumber), tags);
        return Replies.write(null, null, MfaActions.resource(device));
    }

    private AwsReply untag(AwsCall call) {
        List<String> keys = call.params().list("TagKeys");
        MfaDeviceEntity device = device(call, "iam:UntagMFADevice", null, keys);
        Tags.remove(MfaActions.tagId(device.serialNumber), keys);
        return Replies.write(null, null, MfaActions.resource(device));
    }

    private AwsReply list(AwsCall call) {
        MfaDeviceEntity device = device(call, "iam:ListMFADeviceTags", null, null);
        XmlWriter xml = new XmlWriter();
        Tags.writeList(xml, Tags.of(MfaActions.tagId(device.serialNumber)));
        return AwsReply.read(xml.toString());
    }
}
