package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.auth.StoreSigningSecrets;
import io.gatehouse.identity.internal.crypto.AwsIds;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.persistence.AccessKeyEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed. The
 * secret is returned once, by CreateAccessKey, and stored only sealed under the master key.
 */
@ApplicationScoped
public class AccessKeyActions implements IamActionGroup {
    static final int MAX_KEYS_PER_USER = 2;
    private static final Pattern KEY_ID = Pattern.compile("[\\w]+");

    @Inject
    Guard guard;
    @Inject
    SecretBox secretBox;
    @Inject
    Clock clock;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("CreateAccessKey", this::create, "ListAccessKeys", this::list, "UpdateAccessKey", this::update,
                "DeleteAccessKey", this::delete, "GetAccessKeyLastUsed", this::lastUsed);
    }

    /** The named user, or the calling IAM user when no name is given (as AWS does). */
    private static UserEntity user(AwsCall call) {
        Caller caller = call.caller();
        String name = call.params().optional("UserName").orElse(caller == null ? null : caller.userName());
        if (name == null) {
            throw AwsException.validation("Must specify userName when calling with non-User credentials");
        }
        return UserActions.find(Guard.account(call), Constraints.name(name, "userName", 64));
    }

    private AwsReply create(AwsCall call) {
        UserEntity user = user(call);
        guard.require(call, "iam:CreateAccessKey", user.arn);
        if (AccessKeyEntity.count("userId", user.id) >= MAX_KEYS_PER_USER) {
            throw AwsException.limitExceeded("Cannot exceed quota for AccessKeysPerUser: " + MAX_KEYS_PER_USER);
        }
        String id = AwsIds.accessKeyId(user.accountId);
        String secret = AwsIds.secretAccessKey();
        AccessKeyEntity key = new AccessKeyEntity();
        key.id = id;
        key.userId = user.id;
        key.accountId = user.accountId;
        key.secretSealed = secretBox.sealToBase64(secret, StoreSigningSecrets.aad(id));
        key.status = "Active";
        key.createdAt = clock.instant();
        key.persist();
        XmlWriter xml = new XmlWriter().start("AccessKey").element("UserName", user.name).element("AccessKeyId", id)
                .element("Status", key.status).element("SecretAccessKey", secret).element("CreateDate", key.createdAt)
                .end("AccessKey");
        // The audit record shows the key id, never the secret.
        return Replies.write(xml, Map.of("accessKey", Map.of("userName", user.name, "accessKeyId", id,
                "status", key.status)), Replies.user(user));
    }

    private AwsReply list(AwsCall call) {
        UserEntity user = user(call);
        guard.require(call, "iam:ListAccessKeys", user.arn);
        Page page = Page.of(call.params());
        List<AccessKeyEntity> keys = AccessKeyEntity.find("userId = ?1 and id > ?2", Sort.by("id"), user.id,
                page.after() == null ? "" : page.after()).page(0, page.maxItems() + 1).list();
        XmlWriter xml = new XmlWriter();
        page.write(xml, "AccessKeyMetadata", keys, k -> k.id, (x, k) -> x.element("UserName", user.name)
                .element("AccessKeyId", k.id).element("Status", k.status).element("CreateDate", k.createdAt));
        return AwsReply.read(xml.toString());
    }

    private AccessKeyEntity key(AwsCall call, UserEntity user) {
        String id = Constraints.length(call.params().required("AccessKeyId"), "accessKeyId", 16, 128);
        Constraints.pattern(id, "accessKeyId", KEY_ID);
        AccessKeyEntity key = AccessKeyEntity.findById(id);
        if (key == null || !user.id.equals(key.userId)) {
            throw AwsException.noSuchEntity("The Access Key with id " + id + " cannot be found.");
        }
        return key;
    }

    private AwsReply update(AwsCall call) {
        UserEntity user = user(call);
        guard.require(call, "iam:UpdateAccessKey", user.arn);
        AccessKeyEntity key = key(call, user);
        String status = call.params().required("Status");
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw AwsException.validation("1 validation error detected: Value '" + status
                    + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
        }
        key.status = status;
        // Cached keys are valid while the account's epoch is unchanged: deactivation applies at once.
        PolicySets.invalidate(user.accountId);
        return Replies.write(null, null, Replies.user(user));
    }

    private AwsReply delete(AwsCall call) {
        UserEntity user = user(call);
        guard.require(call, "iam:DeleteAccessKey", user.arn);
        key(call, user).delete();
        PolicySets.invalidate(user.accountId);
        return Replies.write(null, null, Replies.user(user));
    }

    private AwsReply lastUsed(AwsCall call) {
        String id = call.params().required("AccessKeyId");
        AccessKeyEntity key = AccessKeyEntity.findById(id);
        UserEntity user = key == null || key.userId == null ? null : UserEntity.findById(key.userId);
        if (user == null || !user.accountId.equals(Guard.account(call))) {
            guard.require(call, "iam:GetAccessKeyLastUsed", Arns.listing(Guard.account(call), "user"));
            throw AwsException.noSuchEntity("The Access Key with id " + id + " cannot be found.");
        }
        guard.require(call, "iam:GetAccessKeyLastUsed", user.arn);
        XmlWriter xml = new XmlWriter().element("UserName", user.name).start("AccessKeyLastUsed");
        if (key.lastUsedAt == null) {
            xml.element("ServiceName", "N/A").element("Region", "N/A");
        } else {
            xml.element("LastUsedDate", key.lastUsedAt).element("ServiceName", key.lastUsedService)
                    .element("Region", key.lastUsedRegion);
        }
        return AwsReply.read(xml.end("AccessKeyLastUsed").toString());
    }
}
