package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.SignatureCheck;
import io.gatehouse.identity.SignatureVerifier;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.SigningSecret;
import io.gatehouse.identity.SigningSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * AWS Signature Version 4 verification, header or presigned form, for non-S3 services.
 * Stateless and thread-safe (the only shared state is {@link SigningKey}'s concurrent cache).
 *
 * <p>Order of checks, each refusing with AWS's code: authentication present
 * (MissingAuthenticationToken), well formed (IncompleteSignature), scope date equal to the request
 * date (SignatureDoesNotMatch, as AWS), time (RequestTimeTooSkewed / RequestExpired), payload hash
 * declared in {@code x-amz-content-sha256} equal to the body's, secret lookup (the
 * {@link SigningSecrets} may throw InvalidClientTokenId / ExpiredToken), signature
 * (SignatureDoesNotMatch).
 *
 * <p>Unsigned payloads are refused when there is a body: for IAM and STS the body carries the
 * action and its parameters, so an unsigned body would let anyone holding a signature choose them.
 */
public final class SigV4Verifier implements SignatureVerifier {
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    /**
     * Signs for unknown keys so that they cost the same work as known ones and the answer, and its
     * timing, do not say whether a key exists. Made once, so that its identity (a digest) is not
     * computed per request when a known key's is not either.
     */
    private static final SigningSecret DUMMY_SECRET = SigningSecret.of("gatehouse/UnknownAccessKey/0000000000000000");

    public SigV4Verifier() {}

    @Override
    public SignatureCheck verify(SignedRequest request, SigningSecrets secrets, Instant now) {
        return check(request, null, secrets, now);
    }

    @Override
    public SignatureCheck verifyForwarded(SignedRequest request, String payloadHash, SigningSecrets secrets,
            Instant now) {
        Objects.requireNonNull(payloadHash, "payloadHash");
        return check(request, payloadHash, secrets, now);
    }

    /** {@code forwardedHash} null: hash the body; otherwise the canonical request's payload line. */
    private SignatureCheck check(SignedRequest request, String forwardedHash, SigningSecrets secrets, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(now, "now");
        RequestHeaders headers = RequestHeaders.of(request.headers());
        List<QueryParameter> query = QueryParameter.parseAll(request.rawQuery());
        SignatureParts parts = parse(headers, query);
        if (parts.presigned()) {
            parts.time().checkPresignedValidity(now, parts.expiresSeconds());
        } else {
            parts.time().checkSkew(now);
        }
        List<String> payloadHashes;
        if (forwardedHash == null) {
            byte[] body = request.body() == null ? new byte[0] : request.body();
            payloadHashes = PayloadHash.candidates(body, headers.first("x-amz-content-sha256"), parts.presigned());
        } else {
            payloadHashes = PayloadHash.forwarded(forwardedHash, headers.first("x-amz-content-sha256"));
        }

        String accessKeyId = parts.scope().accessKeyId();
        SigningSecret secret = secrets.secretFor(accessKeyId, parts.sessionToken()).orElse(null);
        byte[] signingKey = SigningKey.derive(secret != null ? secret : DUMMY_SECRET, parts.scope());
        boolean matched = false;
        for (String payloadHash : payloadHashes) {
            String canonical = CanonicalRequest.build(request.method(), request.rawPath(), query, parts.presigned(),
                    headers, parts.signedHeaders(), payloadHash);
            String expected = SigningKey.sign(signingKey, stringToSign(parts, canonical));
            matched |= MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    parts.signature().getBytes(StandardCharsets.US_ASCII));
        }
        if (secret == null || !matched) {
            throw AwsException.signatureDoesNotMatch();
        }
        return new SignatureCheck(accessKeyId, parts.sessionToken(), parts.scope().region(), parts.scope().service(),
                parts.time().signedAt(), parts.presigned());
    }

    private static SignatureParts parse(RequestHeaders headers, List<QueryParameter> query) {
        List<String> authorization = headers.all("authorization");
        boolean presigned = PresignedQuery.isPresent(query);
        if (authorization.isEmpty() && !presigned) {
            throw AwsException.missingAuthenticationToken();
        }
        if (!authorization.isEmpty() && presigned) {
            throw AwsException.incompleteSignature("Only one authentication mechanism is allowed: the Authorization "
                    + "header or the X-Amz-* query parameters, not both");
        }
        if (authorization.size() > 1) {
            throw AwsException.incompleteSignature("Only one Authorization header is allowed");
        }
        return presigned ? SignatureParts.fromQuery(query, headers)
                : SignatureParts.fromHeader(authorization.get(0), headers, query);
    }

    static String stringToSign(SignatureParts parts, String canonicalRequest) {
        CredentialScope scope = parts.scope();
        // One concatenation (one exactly sized string): the scope is written in place, not built apart.
        return AuthorizationHeader.ALGORITHM + "\n" + parts.time().amzDate() + "\n" + scope.date() + "/"
                + scope.region() + "/" + scope.service() + "/" + CredentialScope.TERMINATOR + "\n"
                + Hashing.hex(Hashing.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }
}
