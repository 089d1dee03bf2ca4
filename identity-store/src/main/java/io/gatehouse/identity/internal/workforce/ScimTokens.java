package io.gatehouse.identity.internal.workforce;

import io.gatehouse.identity.persistence.ScimTokenEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SCIM bearer tokens: 256 random bits (base64url, 43 characters) handed out once; only their
 * SHA-256 is stored, found by that hash and compared again in constant time. A token is valid
 * until it expires ({@code gatehouse.scim.token-validity-days}, 365 by default, as AWS's SCIM
 * tokens) or is deleted. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class ScimTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How stale a token's last use may get before a request writes it again. */
    private static final Duration USE_GRANULARITY = Duration.ofMinutes(5);

    @Inject
    Clock clock;
    @ConfigProperty(name = "gatehouse.scim.token-validity-days", defaultValue = "365")
    int validityDays;

    /** A new token and its record; the token itself exists nowhere else. */
    public record Issued(String token, ScimTokenEntity entity) {}

    /**
     * Issues a token valid for {@code days} days, or the configured validity when null.
     *
     * @throws DirectoryException INVALID when {@code days} is outside 1-3650
     */
    public Issued issue(String storeId, String actor, Integer days) {
        int valid = days == null ? validityDays : days;
        if (valid < 1 || valid > 3650) {
            throw DirectoryException.invalid("ExpiresInDays must be between 1 and 3650.");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        ScimTokenEntity entity = new ScimTokenEntity();
        entity.id = UUID.randomUUID().toString();
        entity.storeId = storeId;
        entity.tokenHash = Hashes.sha256(token);
        entity.createdAt = now;
        entity.createdBy = actor;
        entity.expiresAt = now.plus(Duration.ofDays(valid));
        entity.persist();
        return new Issued(token, entity);
    }

    public List<ScimTokenEntity> list(String storeId) {
        return ScimTokenEntity.<ScimTokenEntity>find("storeId = ?1 order by createdAt, id", storeId).list();
    }

    /** Deletes (revokes) a token at once; false when there was none with this id. */
    public boolean revoke(String storeId, String tokenId) {
        return ScimTokenEntity.delete("storeId = ?1 and id = ?2", storeId, tokenId) > 0;
    }

    /** The live token the bearer value stands for, recording its use; empty for anything else. */
    public Optional<ScimTokenEntity> authenticate(String bearer) {
        if (bearer == null || bearer.isEmpty() || bearer.length() > 512) {
            return Optional.empty();
        }
        String hash = Hashes.sha256(bearer);
        ScimTokenEntity token = ScimTokenEntity.<ScimTokenEntity>find("tokenHash", hash).firstResult();
        Instant now = clock.instant();
        if (token == null || !MessageDigest.isEqual(token.tokenHash.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII)) || !now.isBefore(token.expiresAt)) {
            return Optional.empty();
        }
        if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(USE_GRANULARITY))) {
            token.lastUsedAt = now;
        }
        return Optional.of(token);
    }
}
