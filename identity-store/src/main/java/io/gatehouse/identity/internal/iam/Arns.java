package io.gatehouse.identity.internal.iam;

/** IAM ARNs as AWS writes them. */
public final class Arns {
    private Arns() {}

    /** {@code arn:aws:iam::ACCT:TYPE/PATH/NAME}; the path is "/" or "/a/b/". */
    public static String iam(String accountId, String type, String path, String name) {
        return "arn:aws:iam::" + accountId + ":" + type + path + name;
    }

    /** The ARN prefix List* calls are authorized on, e.g. {@code arn:aws:iam::ACCT:user/}. */
    public static String listing(String accountId, String type) {
        return "arn:aws:iam::" + accountId + ":" + type + "/";
    }
}
