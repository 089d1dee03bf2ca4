package io.gatehouse.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal SigV4 signer for the load harness's form POSTs to "/", so that the load generator
 * spends little of the machine's CPU (the SDK's signer is the judge of correctness in the tests;
 * this one is checked against the server, which refuses any wrong signature). Not thread-safe.
 */
final class LeanSigner {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String keyId;
    private final String secret;
    private final String host;
    private final MessageDigest sha256;
    private final Mac mac;
    private String keyDate;
    private byte[] signingKey;

    LeanSigner(String keyId, String secret, String host) {
        this.keyId = keyId;
        this.secret = secret;
        this.host = host;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.mac = Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request head (request line and headers) of a signed form POST to "/" with this body. */
    String head(String body, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        String contentType = "application/x-www-form-urlencoded; charset=utf-8";
        String canonical = "POST\n/\n\ncontent-type:" + contentType + "\nhost:" + host + "\nx-amz-date:" + amzDate
                + "\n\ncontent-type;host;x-amz-date\n" + hex(sha256.digest(body.getBytes(StandardCharsets.UTF_8)));
        String scope = date + "/us-east-1/iam/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        String signature = hex(hmac(key(date), toSign));
        return "POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType + "\r\nX-Amz-Date: " + amzDate
                + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=" + keyId + "/" + scope
                + ", SignedHeaders=content-type;host;x-amz-date, Signature=" + signature
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
    }

    private byte[] key(String date) {
        if (!date.equals(keyDate)) {
            byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
            k = hmac(k, "us-east-1");
            k = hmac(k, "iam");
            signingKey = hmac(k, "aws4_request");
            keyDate = date;
        }
        return signingKey;
    }

    private byte[] hmac(byte[] key, String data) {
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[i * 2] = HEX[(bytes[i] >> 4) & 0xF];
            out[i * 2 + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
