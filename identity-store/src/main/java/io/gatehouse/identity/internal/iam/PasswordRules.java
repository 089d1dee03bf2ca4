package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.persistence.PasswordPolicyEntity;

/**
 * What a new IAM user password must be: the account's custom password policy, or AWS's default
 * policy when none is set (at least 8 characters and at least three of the four character types:
 * uppercase, lowercase, numbers, symbols). Characters count as AWS counts them: A-Z, a-z, 0-9 and
 * the symbols {@code ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '}. Immutable.
 *
 * @param custom whether the account has set a policy (false: AWS's default applies)
 * @param minimumLength the shortest password allowed
 * @param requireSymbols at least one of {@link #SYMBOLS}
 * @param requireNumbers at least one of 0-9
 * @param requireUppercase at least one of A-Z
 * @param requireLowercase at least one of a-z
 * @param allowUsersToChange whether every IAM user may change their own password without a policy
 * @param reusePrevention how many of the user's previous passwords may not be set again (0: no limit)
 */
record PasswordRules(boolean custom, int minimumLength, boolean requireSymbols, boolean requireNumbers,
        boolean requireUppercase, boolean requireLowercase, boolean allowUsersToChange, int reusePrevention) {

    /** The symbols AWS's RequireSymbols counts. */
    static final String SYMBOLS = "!@#$%^&*()_+-=[]{}|'";
    /** AWS's default policy: 8 characters, three of four character types, no self-service change. */
    static final PasswordRules DEFAULT = new PasswordRules(false, 8, false, false, false, false, false, 0);
    private static final int DEFAULT_TYPES_REQUIRED = 3;

    /** The rules in force in an account. */
    static PasswordRules of(String accountId) {
        PasswordPolicyEntity policy = PasswordPolicyEntity.findById(accountId);
        return policy == null ? DEFAULT : new PasswordRules(true, policy.minimumLength, policy.requireSymbols,
                policy.requireNumbers, policy.requireUppercase, policy.requireLowercase, policy.allowUsersToChange,
                policy.reusePrevention == null ? 0 : policy.reusePrevention);
    }

    /** Whether the password meets the length and character-type rules (reuse is checked elsewhere). */
    boolean conforms(String password) {
        if (password.codePointCount(0, password.length()) < minimumLength) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean number = false;
        boolean symbol = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            number |= c >= '0' && c <= '9';
            symbol |= SYMBOLS.indexOf(c) >= 0;
        }
        if (!custom) {
            int types = (upper ? 1 : 0) + (lower ? 1 : 0) + (number ? 1 : 0) + (symbol ? 1 : 0);
            return types >= DEFAULT_TYPES_REQUIRED;
        }
        return (!requireUppercase || upper) && (!requireLowercase || lower) && (!requireNumbers || number)
                && (!requireSymbols || symbol);
    }
}
