package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.SigningSecret;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SigV4 signing key, {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request")}, and signatures made with it.
 *
 * <p>Derived keys are cached per (secret, date, region, service): a key is valid for a whole day,
 * so a busy client reuses it and the server saves four HMACs a request. The secret is named in the
 * cache by its {@link SigningSecret#identity()} (a sealed secret's key id and sealed text, or a
 * SHA-256 of a plain one), never held, and a hit neither reveals it nor, for a long-term key,
 * opens it. A derived key is a function of its cache key alone, so an entry is never stale: a new
 * secret has another identity. The cache is bounded (emptied when full: a busy server's clients
 * fill it again within a request each, and no lock is taken to read it).
 */
final class SigningKey {
    private static final int CACHE_SIZE = 10_000;

    private static final Map<CacheKey, byte[]> CACHE = new ConcurrentHashMap<>();

    private record CacheKey(Object secret, String date, String region, String service) {}

    private SigningKey() {}

    /** The key for this secret and scope, from the cache when it was derived before. Do not modify it. */
    static byte[] derive(SigningSecret secret, CredentialScope scope) {
        CacheKey cacheKey = new CacheKey(secret.identity(), scope.date(), scope.region(), scope.service());
        byte[] cached = CACHE.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        byte[] key = derive(secret.reveal(), scope);
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.put(cacheKey, key);
        return key;
    }

    /** The key for this secret and scope, derived now. */
    static byte[] derive(String secret, CredentialScope scope) {
        byte[] key = Hashing.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), utf8(scope.date()));
        key = Hashing.hmacSha256(key, utf8(scope.region()));
        key = Hashing.hmacSha256(key, utf8(scope.service()));
        return Hashing.hmacSha256(key, utf8(CredentialScope.TERMINATOR));
    }

    /** The hex signature of {@code stringToSign} under a derived key. */
    static String sign(byte[] key, String stringToSign) {
        return Hashing.hex(Hashing.hmacSha256(key, stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
