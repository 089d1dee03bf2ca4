package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import java.util.List;
import java.util.Map;

/** Replies of changing IAM operations, with the audit record's resources. */
final class Replies {
    private Replies() {}

    static AwsReply write(XmlWriter xml, Map<String, Object> responseElements, AwsReply.Resource... resources) {
        return new AwsReply(xml == null ? null : xml.toString(), false, responseElements, List.of(resources));
    }

    static AwsReply.Resource user(UserEntity user) {
        return new AwsReply.Resource("AWS::IAM::User", user.arn, user.accountId);
    }

    /** A policy document as AWS returns it in Query responses: URL-encoded, spaces as %20. */
    static String urlEncoded(String document) {
        return java.net.URLEncoder.encode(document, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A LIKE pattern for a path prefix, with LIKE's own wildcards escaped. */
    static String like(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
