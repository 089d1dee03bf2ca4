package io.gatehouse.policy.internal;

/**
 * ARN comparison for the Arn* condition operators: each of the six colon-delimited parts is
 * matched on its own, with {@code *} and {@code ?} wildcards that cannot cross a part.
 */
final class Arns {
    private Arns() {}

    static boolean matches(String pattern, String arn) {
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != 6 || a.length != 6 || !a[0].equals("arn")) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!Glob.of(p[i]).matches(a[i])) {
                return false;
            }
        }
        return true;
    }
}
