package io.gatehouse.identity.internal.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SigV4 signing key, {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request")}, and signatures made with it.
 *
 * <p>Derived keys are cached per (secret digest, date, region, service): a key is valid for a whole
 * day, so a busy client reuses it and the server saves four HMACs a request. The cache holds a
 * SHA-256 of the secret, never the secret, and is bounded (emptied when full: a busy server's
 * clients fill it again within a request each, and no lock is taken to read it).
 */
final class SigningKey {
    private static final int CACHE_SIZE = 10_000;

    private static final Map<CacheKey, byte[]> CACHE = new ConcurrentHashMap<>();

    private record CacheKey(String secretDigest, String date, String region, String service) {}

    private SigningKey() {}

    /** The hex signature of {@code stringToSign} under the key derived for this secret and scope. */
    static String sign(String secret, CredentialScope scope, String stringToSign) {
        byte[] key = derive(secret, scope);
        return Hashing.hex(Hashing.hmacSha256(key, stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] derive(String secret, CredentialScope scope) {
        String digest = Base64.getEncoder().encodeToString(Hashing.sha256(secret.getBytes(StandardCharsets.UTF_8)));
        CacheKey cacheKey = new CacheKey(digest, scope.date(), scope.region(), scope.service());
        byte[] cached = CACHE.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        byte[] key = Hashing.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), utf8(scope.date()));
        key = Hashing.hmacSha256(key, utf8(scope.region()));
        key = Hashing.hmacSha256(key, utf8(scope.service()));
        key = Hashing.hmacSha256(key, utf8(CredentialScope.TERMINATOR));
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.put(cacheKey, key);
        return key;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
