package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;
import java.util.List;

/**
 * What a request claims about its signature, from either place SigV4 allows: the Authorization
 * header or presigned query parameters. Built only from well-formed input; the checks against the
 * clock and the secret come later.
 *
 * @param scope the credential scope
 * @param signedHeaders lower-case, sorted header names
 * @param signature the signature as sent
 * @param time when it was signed
 * @param sessionToken X-Amz-Security-Token, or null
 * @param presigned whether it came in the query string
 * @param expiresSeconds X-Amz-Expires for presigned requests, 0 otherwise
 */
record SignatureParts(CredentialScope scope, List<String> signedHeaders, String signature, RequestTime time,
        String sessionToken, boolean presigned, long expiresSeconds) {
    private static final String SECURITY_TOKEN = "X-Amz-Security-Token";

    static SignatureParts fromHeader(String authorization, RequestHeaders headers, List<QueryParameter> query) {
        AuthorizationHeader auth = AuthorizationHeader.parse(authorization);
        String amzDate = headers.first("x-amz-date");
        String httpDate = headers.first("date");
        RequestTime time;
        if (amzDate != null) {
            time = RequestTime.ofAmzDate(amzDate.trim());
        } else if (httpDate != null) {
            time = RequestTime.ofHttpDate(httpDate);
        } else {
            throw AwsException.incompleteSignature(
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        String token = headers.first("x-amz-security-token");
        if (token == null) {
            token = queryValue(query, SECURITY_TOKEN);
        }
        return new SignatureParts(auth.scope(), auth.signedHeaders(), auth.signature(), time, token, false, 0)
                .checkScopeDate();
    }

    static SignatureParts fromQuery(List<QueryParameter> query, RequestHeaders headers) {
        PresignedQuery presigned = PresignedQuery.parse(query);
        String token = presigned.securityToken() != null ? presigned.securityToken()
                : headers.first("x-amz-security-token");
        return new SignatureParts(presigned.scope(), presigned.signedHeaders(), presigned.signature(),
                RequestTime.ofAmzDate(presigned.amzDate()), token, true, presigned.expiresSeconds())
                .checkScopeDate();
    }

    /**
     * AWS answers a scope date that differs from the request date with SignatureDoesNotMatch (403)
     * and this message, so we do too: the request is well formed, it just cannot verify.
     */
    private SignatureParts checkScopeDate() {
        if (!scope.date().equals(time.date())) {
            throw new AwsException("SignatureDoesNotMatch", 403, "Date in Credential scope does not match YYYYMMDD "
                    + "from ISO-8601 version of date from HTTP: '" + scope.date() + "' != '" + time.date()
                    + "', from '" + time.amzDate() + "'.");
        }
        return this;
    }

    private static String queryValue(List<QueryParameter> query, String name) {
        for (QueryParameter p : query) {
            if (p.name().equals(name)) {
                return p.value();
            }
        }
        return null;
    }
}
