package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Authorizer;
import io.gatehouse.identity.internal.crypto.PasswordHasher;
import io.gatehouse.identity.persistence.LoginProfileEntity;
import io.gatehouse.identity.persistence.PasswordHistoryEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.policy.Outcome;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Setting and checking IAM user console passwords: the account password policy, reuse prevention
 * against the user's password history, Argon2id hashing. Passwords are never echoed in an error,
 * logged or returned; only their hashes are stored.
 */
@ApplicationScoped
public class Passwords {
    /** The most previous passwords a policy can forbid (PasswordReusePrevention's maximum). */
    static final int HISTORY_KEPT = 24;
    private static final Pattern WELL_FORMED = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");

    @Inject
    PasswordHasher hasher;
    @Inject
    Authorizer authorizer;
    @Inject
    Guard guard;
    @Inject
    Clock clock;

    static AwsException policyViolation() {
        return new AwsException("PasswordPolicyViolation", 400, "Password does not conform to the account password policy.");
    }

    /**
     * A password parameter as botocore constrains it (1..128 characters of tab, LF, CR and
     * U+0020..U+00FF), refused with AWS's ValidationError wording but without the value.
     */
    static String wellFormed(String password, String member) {
        int length = password.codePointCount(0, password.length());
        String constraint = length < 1 ? "Member must have length greater than or equal to 1"
                : length > 128 ? "Member must have length less than or equal to 128"
                : WELL_FORMED.matcher(password).matches() ? null
                : "Member must satisfy regular expression pattern: " + WELL_FORMED.pattern();
        if (constraint != null) {
            throw AwsException.validation("1 validation error detected: Value at '" + member
                    + "' failed to satisfy constraint: " + constraint);
        }
        return password;
    }

    /**
     * Gives the user the password: refused with PasswordPolicyViolation unless it conforms to the
     * account policy and is none of the last {@code PasswordReusePrevention} passwords. The profile
     * is changed but not persisted; the password joins the user's history.
     */
    void set(UserEntity user, LoginProfileEntity profile, String password) {
        PasswordRules rules = PasswordRules.of(user.accountId);
        if (!rules.conforms(password) || reused(user.id, password, rules.reusePrevention())) {
            throw policyViolation();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        profile.passwordHash = hash(password);
        profile.changedAt = now;
        PasswordHistoryEntity entry = new PasswordHistoryEntity();
        entry.userId = user.id;
        entry.createdAt = now;
        entry.passwordHash = profile.passwordHash;
        entry.persist();
        List<PasswordHistoryEntity> history = PasswordHistoryEntity.find("userId", Sort.descending("createdAt"), user.id)
                .list();
        history.stream().skip(HISTORY_KEPT).forEach(PasswordHistoryEntity::delete);
    }

    /** Whether the password is the profile's current one. */
    boolean matches(LoginProfileEntity profile, String password) {
        char[] chars = password.toCharArray();
        try {
            return hasher.verify(chars, profile.passwordHash);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Drops the user's password history (with the login profile: nothing then refers to it). */
    static void forget(String userId) {
        PasswordHistoryEntity.delete("userId", userId);
    }

    /**
     * Authorizes a self-service password action (ChangePassword, GetAccountPasswordPolicy) of an
     * IAM user. When the account policy lets users change their own password IAM grants it at the
     * account level: only an explicit Deny refuses. Otherwise a policy must allow it.
     */
    void requireSelfService(AwsCall call, String action, String resourceArn, boolean grantedByAccount) {
        if (grantedByAccount && call.caller() != null && call.caller().userName() != null) {
            Outcome outcome = authorizer.decide(call.caller(), call.request(), action, resourceArn, null, Map.of())
                    .outcome();
            if (outcome != Outcome.EXPLICIT_DENY) {
                return;
            }
        }
        guard.require(call, action, resourceArn); // throws AccessDenied with AWS's wording
    }

    private boolean reused(String userId, String password, int count) {
        if (count <= 0) {
            return false;
        }
        List<PasswordHistoryEntity> recent = PasswordHistoryEntity.find("userId", Sort.descending("createdAt"), userId)
                .page(0, count).list();
        char[] chars = password.toCharArray();
        try {
            boolean found = false;
            for (PasswordHistoryEntity entry : recent) {
                found |= hasher.verify(chars, entry.passwordHash); // all checked: timing does not tell which
            }
            return found;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private String hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return hasher.hash(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
