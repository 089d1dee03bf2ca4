package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.persistence.PasswordPolicyEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * GetAccountPasswordPolicy, UpdateAccountPasswordPolicy, DeleteAccountPasswordPolicy. As in AWS,
 * an update replaces the whole policy: a member left out takes its default (minimum length 6, no
 * character-type requirement, no expiry, no reuse prevention); authorization is on resource "*".
 */
@ApplicationScoped
public class PasswordPolicyActions implements IamActionGroup {
    static final int DEFAULT_MINIMUM_LENGTH = 6;

    @Inject
    Guard guard;
    @Inject
    Passwords passwords;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("GetAccountPasswordPolicy", this::get, "UpdateAccountPasswordPolicy", this::update,
                "DeleteAccountPasswordPolicy", this::delete);
    }

    private static AwsException noPolicy(String account) {
        return AwsException.noSuchEntity("The Password Policy with domain name " + account + " cannot be found.");
    }

    private AwsReply get(AwsCall call) {
        String account = Guard.account(call);
        PasswordPolicyEntity policy = PasswordPolicyEntity.findById(account);
        // Users who may change their own password may also read the policy they must meet.
        passwords.requireSelfService(call, "iam:GetAccountPasswordPolicy", "*", policy != null && policy.allowUsersToChange);
        if (policy == null) {
            throw noPolicy(account);
        }
        XmlWriter xml = new XmlWriter().start("PasswordPolicy")
                .element("MinimumPasswordLength", policy.minimumLength)
                .element("RequireSymbols", policy.requireSymbols)
                .element("RequireNumbers", policy.requireNumbers)
                .element("RequireUppercaseCharacters", policy.requireUppercase)
                .element("RequireLowercaseCharacters", policy.requireLowercase)
                .element("AllowUsersToChangePassword", policy.allowUsersToChange)
                .element("ExpirePasswords", policy.maxAgeDays != null)
                .element("MaxPasswordAge", policy.maxAgeDays)
                .element("PasswordReusePrevention", policy.reusePrevention)
                .element("HardExpiry", policy.hardExpiry)
                .end("PasswordPolicy");
        return AwsReply.read(xml.toString());
    }

    private AwsReply update(AwsCall call) {
        String account = Guard.account(call);
        QueryParams p = call.params();
        int minimumLength = p.integer("MinimumPasswordLength", 6, 128).orElse(DEFAULT_MINIMUM_LENGTH);
        boolean symbols = p.bool("RequireSymbols").orElse(false);
        boolean numbers = p.bool("RequireNumbers").orElse(false);
        boolean upper = p.bool("RequireUppercaseCharacters").orElse(false);
        boolean lower = p.bool("RequireLowercaseCharacters").orElse(false);
        boolean allowChange = p.bool("AllowUsersToChangePassword").orElse(false);
        Integer maxAge = p.integer("MaxPasswordAge", 1, 1095).orElse(null);
        Integer reuse = p.integer("PasswordReusePrevention", 1, Passwords.HISTORY_KEPT).orElse(null);
        boolean hardExpiry = p.bool("HardExpiry").orElse(false);
        guard.require(call, "iam:UpdateAccountPasswordPolicy", "*");
        PasswordPolicyEntity policy = PasswordPolicyEntity.findById(account);
        if (policy == null) {
            policy = new PasswordPolicyEntity();
            policy.accountId = account;
        }
        policy.minimumLength = minimumLength;
        policy.requireSymbols = symbols;
        policy.requireNumbers = numbers;
        policy.requireUppercase = upper;
        policy.requireLowercase = lower;
        policy.allowUsersToChange = allowChange;
        policy.maxAgeDays = maxAge;
        policy.reusePrevention = reuse;
        policy.hardExpiry = hardExpiry;
        if (!policy.isPersistent()) {
            policy.persist();
        }
        return Replies.write(null, null);
    }

    private AwsReply delete(AwsCall call) {
        String account = Guard.account(call);
        guard.require(call, "iam:DeleteAccountPasswordPolicy", "*");
        PasswordPolicyEntity policy = PasswordPolicyEntity.findById(account);
        if (policy == null) {
            throw noPolicy(account);
        }
        policy.delete();
        return Replies.write(null, null);
    }
}
