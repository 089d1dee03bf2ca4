package io.gatehouse.identity.api;

import java.util.List;
import java.util.Map;

/** The service named by a request's SigV4 credential scope, read before verification, for routing. */
final class CredentialScope {
    private CredentialScope() {}

    /** The scope's service, or null when the request carries no SigV4 credential. */
    static String service(Map<String, List<String>> headers, String credentialParam) {
        String credential = credentialParam;
        List<String> authorization = headers.get("authorization");
        if (credential == null && authorization != null && !authorization.isEmpty()) {
            String header = authorization.get(0);
            int at = header.indexOf("Credential=");
            if (at < 0) {
                return null;
            }
            int end = header.indexOf(',', at);
            credential = header.substring(at + "Credential=".length(), end < 0 ? header.length() : end).trim();
        }
        if (credential == null) {
            return null;
        }
        String[] parts = credential.split("/");
        return parts.length == 5 ? parts[3] : null;
    }
}
