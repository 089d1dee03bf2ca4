package io.gatehouse.policy.internal;

import java.util.Arrays;

/**
 * ARN comparison for the Arn* condition operators: each of the six colon-delimited parts is
 * matched on its own, with {@code *} and {@code ?} wildcards that cannot cross a part. Characters
 * a policy variable substituted are literal.
 */
final class Arns {
    private Arns() {}

    /** @param literal marks pattern characters that are plain text (may be null) */
    static boolean matches(String pattern, boolean[] literal, String arn) {
        String[] a = arn.split(":", 6);
        if (a.length != 6 || !a[0].equals("arn")) {
            return false;
        }
        int start = 0;
        for (int i = 0; i < 6; i++) {
            int end = i == 5 ? pattern.length() : pattern.indexOf(':', start);
            if (end < 0) {
                return false;
            }
            boolean[] mask = literal == null ? null : Arrays.copyOfRange(literal, start, end);
            if (!Glob.of(pattern.substring(start, end), mask).matches(a[i])) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }
}
