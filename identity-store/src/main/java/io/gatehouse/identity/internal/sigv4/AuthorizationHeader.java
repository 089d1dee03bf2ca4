package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Authorization} header of a SigV4 request:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20261123/us-east-1/iam/aws4_request,
 * SignedHeaders=content-type;host;x-amz-date, Signature=<64 hex>}. Parameters may be separated by
 * commas, spaces or both, in any order, as AWS accepts. Refusals are IncompleteSignature and never
 * repeat the header (it carries the signature).
 *
 * @param scope the parsed credential
 * @param signedHeaders lower-case names, sorted, without duplicates
 * @param signature the signature as sent
 */
record AuthorizationHeader(CredentialScope scope, List<String> signedHeaders, String signature) {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    static AuthorizationHeader parse(String header) {
        String trimmed = header.trim();
        int space = indexOfWhitespace(trimmed);
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!ALGORITHM.equals(algorithm)) {
            throw AwsException.incompleteSignature("Unsupported authorization algorithm; only " + ALGORITHM
                    + " is accepted");
        }
        Map<String, String> params = parameters(space < 0 ? "" : trimmed.substring(space));
        String credential = params.get("Credential");
        String signedHeaders = params.get("SignedHeaders");
        String signature = params.get("Signature");
        StringBuilder missing = new StringBuilder();
        require(credential, "Credential", missing);
        require(signedHeaders, "SignedHeaders", missing);
        require(signature, "Signature", missing);
        if (missing.length() > 0) {
            throw AwsException.incompleteSignature(missing.toString().trim());
        }
        return new AuthorizationHeader(CredentialScope.parse(credential), SignedHeaders.parse(signedHeaders),
                signature);
    }

    /** Splits {@code k=v} tokens on commas and whitespace; a repeated or valueless token is refused. */
    private static Map<String, String> parameters(String text) {
        Map<String, String> params = new HashMap<>();
        for (String token : text.split("[,\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw AwsException.incompleteSignature("Authorization header parameters must be key=value pairs");
            }
            String name = token.substring(0, eq);
            if (params.put(name, token.substring(eq + 1)) != null) {
                throw AwsException.incompleteSignature("Authorization header has a repeated '" + safeName(name)
                        + "' parameter");
            }
        }
        return params;
    }

    private static void require(String value, String name, StringBuilder missing) {
        if (value == null || value.isEmpty()) {
            missing.append(" Authorization header requires '").append(name).append("' parameter.");
        }
    }

    /** Parameter names are echoed only when they are one of ours: anything else may be the secret. */
    private static String safeName(String name) {
        return List.of("Credential", "SignedHeaders", "Signature").contains(name) ? name : "unknown";
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
