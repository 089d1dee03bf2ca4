package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.XmlWriter;
import java.util.Map;

/** The {@code User} structure of IAM responses. */
final class UserXml {
    private UserXml() {}

    /** Fields every User shape has (ListUsers omits tags and boundary, as AWS does). */
    static void basic(XmlWriter xml, UserEntity user) {
        xml.element("Path", user.path).element("UserName", user.name).element("UserId", user.id)
                .element("Arn", user.arn).element("CreateDate", user.createdAt)
                .element("PasswordLastUsed", user.passwordLastUsed);
    }

    static void full(XmlWriter xml, UserEntity user, Map<String, String> tags) {
        basic(xml, user);
        boundary(xml, user.boundaryArn);
        Tags.write(xml, tags);
    }

    /** The PermissionsBoundary structure of users and roles; botocore's one type value. */
    static void boundary(XmlWriter xml, String boundaryArn) {
        if (boundaryArn != null) {
            xml.start("PermissionsBoundary").element("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                    .element("PermissionsBoundaryArn", boundaryArn).end("PermissionsBoundary");
        }
    }
}
