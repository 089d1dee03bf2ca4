package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SigV4 parameters of a presigned URL: X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
 * X-Amz-Expires (1..604800 seconds), X-Amz-SignedHeaders, X-Amz-Signature and the optional
 * X-Amz-Security-Token. Refusals are IncompleteSignature.
 *
 * @param scope the parsed credential
 * @param signedHeaders lower-case names, sorted
 * @param signature the signature as sent
 * @param amzDate the X-Amz-Date value as sent
 * @param expiresSeconds X-Amz-Expires
 * @param securityToken X-Amz-Security-Token, or null
 */
record PresignedQuery(CredentialScope scope, List<String> signedHeaders, String signature, String amzDate,
        long expiresSeconds, String securityToken) {
    static final String SIGNATURE = "X-Amz-Signature";
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final Set<String> AUTH_PARAMETERS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", SIGNATURE, "X-Amz-Security-Token");

    /** True when the query carries presigned authentication at all. */
    static boolean isPresent(List<QueryParameter> query) {
        for (QueryParameter p : query) {
            String n = p.name();
            if (n.equals("X-Amz-Algorithm") || n.equals(SIGNATURE)) {
                return true;
            }
        }
        return false;
    }

    static PresignedQuery parse(List<QueryParameter> query) {
        Map<String, String> auth = authParameters(query);
        if (!AuthorizationHeader.ALGORITHM.equals(auth.get("X-Amz-Algorithm"))) {
            throw AwsException.incompleteSignature("X-Amz-Algorithm only supports \"" + AuthorizationHeader.ALGORITHM
                    + "\"");
        }
        String credential = required(auth, "X-Amz-Credential");
        String amzDate = required(auth, "X-Amz-Date");
        String expires = required(auth, "X-Amz-Expires");
        String signedHeaders = required(auth, "X-Amz-SignedHeaders");
        String signature = required(auth, SIGNATURE);
        return new PresignedQuery(CredentialScope.parse(credential), SignedHeaders.parse(signedHeaders), signature,
                amzDate, expires(expires), auth.get("X-Amz-Security-Token"));
    }

    private static Map<String, String> authParameters(List<QueryParameter> query) {
        Map<String, String> auth = new HashMap<>();
        for (QueryParameter p : query) {
            String name = p.name();
            // A repeated parameter is ambiguous: which one the signature covers would depend on the parser.
            if (AUTH_PARAMETERS.contains(name) && auth.put(name, p.value()) != null) {
                throw AwsException.incompleteSignature("Query parameter " + name + " must appear only once");
            }
        }
        return auth;
    }

    private static String required(Map<String, String> auth, String name) {
        String value = auth.get(name);
        if (value == null || value.isEmpty()) {
            throw AwsException.incompleteSignature("Presigned request requires the " + name + " query parameter");
        }
        return value;
    }

    private static long expires(String text) {
        // One to seven digits (regex [0-9]{1,7}): no sign, nothing that could overflow.
        boolean digits = !text.isEmpty() && text.length() <= 7 && Ascii.isDigits(text, 0, text.length());
        long seconds = digits ? Long.parseLong(text) : -1;
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw AwsException.incompleteSignature("X-Amz-Expires must be a number of seconds from 1 to "
                    + MAX_EXPIRES_SECONDS);
        }
        return seconds;
    }
}
