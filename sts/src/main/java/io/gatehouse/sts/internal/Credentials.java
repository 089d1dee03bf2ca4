package io.gatehouse.sts.internal;

import io.gatehouse.identity.Session;
import io.gatehouse.identity.protocol.XmlWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code <Credentials>} element of an answer, and what the audit record may show of it. */
final class Credentials {
    private Credentials() {}

    static void write(XmlWriter xml, Session session, String sessionToken) {
        xml.start("Credentials")
                .element("AccessKeyId", session.accessKeyId())
                .element("SecretAccessKey", session.secretAccessKey())
                .element("SessionToken", sessionToken)
                .element("Expiration", session.expiresAt())
                .end("Credentials");
    }

    /** For the audit record: the key id and expiry only, never the secret or the token. */
    static Map<String, Object> audited(Session session) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessKeyId", session.accessKeyId());
        out.put("expiration", XmlWriter.date(session.expiresAt()));
        return out;
    }
}
