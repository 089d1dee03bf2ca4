package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;
import java.util.List;
import java.util.Locale;

/**
 * The payload hash line(s) of the canonical request the verifier tries.
 *
 * <ul>
 *   <li>{@code x-amz-content-sha256} present: its value, which must be the body's SHA-256 (else
 *       SignatureDoesNotMatch: the body was altered) or {@code UNSIGNED-PAYLOAD} with an empty body.
 *   <li>presigned with an empty body: the SHA-256 of "" (botocore's {@code SigV4QueryAuth} for
 *       non-S3) or {@code UNSIGNED-PAYLOAD} (S3-style presigners).
 *   <li>otherwise the body's SHA-256.
 * </ul>
 *
 * Unsigned or streaming payloads with a body are IncompleteSignature: see {@link SigV4Verifier}.
 */
final class PayloadHash {
    private PayloadHash() {}

    static List<String> candidates(byte[] body, String declared, boolean presigned) {
        String actual = Hashing.hex(Hashing.sha256(body));
        if (declared != null) {
            String value = declared.trim();
            if (value.toLowerCase(Locale.ROOT).equals(actual)
                    || (value.equals(SigV4Verifier.UNSIGNED_PAYLOAD) && body.length == 0)) {
                return List.of(value);
            }
            if (Ascii.isHex64(value)) {
                throw AwsException.signatureDoesNotMatch();
            }
            throw AwsException.incompleteSignature("x-amz-content-sha256 must be the hex SHA-256 of the body; "
                    + "unsigned and streaming payloads are not accepted with a body");
        }
        if (presigned && body.length == 0) {
            return List.of(actual, SigV4Verifier.UNSIGNED_PAYLOAD);
        }
        return List.of(actual);
    }

    /**
     * The payload line of a forwarded request: the hash its resource server computed, which a
     * declared {@code x-amz-content-sha256} must equal (else SignatureDoesNotMatch).
     */
    static List<String> forwarded(String payloadHash, String declared) {
        String value = payloadHash.trim();
        boolean hex = Ascii.isHex64(value);
        if (!hex && !value.equals(SigV4Verifier.UNSIGNED_PAYLOAD)) {
            throw AwsException.incompleteSignature("The payload hash must be the hex SHA-256 of the request body "
                    + "or UNSIGNED-PAYLOAD");
        }
        String line = hex ? value.toLowerCase(Locale.ROOT) : value;
        if (declared != null && !declared.trim().equalsIgnoreCase(line)) {
            throw AwsException.signatureDoesNotMatch();
        }
        return List.of(declared != null ? declared.trim() : line);
    }
}
