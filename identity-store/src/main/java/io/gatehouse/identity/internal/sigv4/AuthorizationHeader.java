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
        int algorithmEnd = space < 0 ? trimmed.length() : space;
        if (algorithmEnd != ALGORITHM.length() || !trimmed.startsWith(ALGORITHM)) {
            throw AwsException.incompleteSignature("Unsupported authorization algorithm; only " + ALGORITHM
                    + " is accepted");
        }
        Map<String, String> params = parameters(trimmed, algorithmEnd);
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

    /**
     * Splits {@code text} from {@code from} into {@code k=v} tokens separated by runs of commas and
     * whitespace; a repeated or valueless token is refused. Scanned by hand because this runs on
     * every request and {@code split} with a pattern compiles it each time; the separators are
     * exactly those of the pattern {@code [,\s]+} it replaced.
     */
    private static Map<String, String> parameters(String text, int from) {
        Map<String, String> params = new HashMap<>(8);
        int n = text.length();
        int i = from;
        while (i < n) {
            if (isSeparator(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int eq = -1;
            for (; i < n && !isSeparator(text.charAt(i)); i++) {
                if (eq < 0 && text.charAt(i) == '=') {
                    eq = i;
                }
            }
            if (eq <= start) {
                throw AwsException.incompleteSignature("Authorization header parameters must be key=value pairs");
            }
            String name = text.substring(start, eq);
            if (params.put(name, text.substring(eq + 1, i)) != null) {
                throw AwsException.incompleteSignature("Authorization header has a repeated '" + safeName(name)
                        + "' parameter");
            }
        }
        return params;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || Ascii.isSpace(c);
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
