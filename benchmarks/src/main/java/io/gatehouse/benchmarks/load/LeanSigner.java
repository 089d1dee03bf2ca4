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
    private final String service;
    private final String sessionToken;
    private final MessageDigest sha256;
    private final Mac mac;
    private String keyDate;
    private byte[] signingKey;

    LeanSigner(String keyId, String secret, String host) {
        this(keyId, secret, null, host, "iam");
    }

    /** A signer for {@code service} (the credential scope's service), with a session token or null. */
    LeanSigner(String keyId, String secret, String sessionToken, String host, String service) {
        this.keyId = keyId;
        this.secret = secret;
        this.sessionToken = sessionToken;
        this.host = host;
        this.service = service;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.mac = Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request head (request line and headers) of a signed form POST to "/" with this body. */
    String head(String body, Instant now) {
        return head(body, now, "application/x-www-form-urlencoded; charset=utf-8", null);
    }

    /**
     * The request head of a signed JSON 1.1 POST to "/" ({@code X-Amz-Target: target}, signed as
     * AWS's JSON clients do: content-type, host, x-amz-date and x-amz-target).
     */
    String headJson(String body, Instant now, String target) {
        return head(body, now, "application/x-amz-json-1.1", target);
    }

    /** The request head of a signed POST of a JSON body to {@code path} (e.g. /v1/authorize). */
    String headJsonAt(String path, String body, Instant now) {
        return head(path, body, now, "application/json", null);
    }

    private String head(String body, Instant now, String contentType, String target) {
        return head("/", body, now, contentType, target);
    }

    private String head(String path, String body, Instant now, String contentType, String target) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        String targetHeader = target == null ? "" : "x-amz-target:" + target + "\n";
        String tokenHeader = sessionToken == null ? "" : "x-amz-security-token:" + sessionToken + "\n";
        String signed = "content-type;host;x-amz-date" + (sessionToken == null ? "" : ";x-amz-security-token")
                + (target == null ? "" : ";x-amz-target");
        String canonical = "POST\n" + path + "\n\ncontent-type:" + contentType + "\nhost:" + host + "\nx-amz-date:" + amzDate
                + "\n" + tokenHeader + targetHeader + "\n" + signed + "\n" + hex(sha256.digest(body.getBytes(StandardCharsets.UTF_8)));
        String scope = date + "/us-east-1/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        String signature = hex(hmac(key(date), toSign));
        return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + contentType + "\r\nX-Amz-Date: " + amzDate
                + (sessionToken == null ? "" : "\r\nX-Amz-Security-Token: " + sessionToken)
                + (target == null ? "" : "\r\nX-Amz-Target: " + target)
                + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=" + keyId + "/" + scope
                + ", SignedHeaders=" + signed + ", Signature=" + signature
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
    }

    private byte[] key(String date) {
        if (!date.equals(keyDate)) {
            byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
            k = hmac(k, "us-east-1");
            k = hmac(k, service);
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
