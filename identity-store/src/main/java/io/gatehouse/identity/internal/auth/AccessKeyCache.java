package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.Caller;
import io.gatehouse.identity.persistence.AccessKeyEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long-term access keys and the callers they resolve to, cached per replica and valid while their
 * account's policy epoch is unchanged. Every change that matters to a key's caller (the key's
 * status or deletion, the user, its tags, groups, policies, boundary) bumps the epoch in the
 * database, so a cached entry costs one primary-key read per request and is never stale. Unknown
 * keys are not cached (they cannot fill the memory).
 */
@ApplicationScoped
public class AccessKeyCache {
    private static final int MAX_ENTRIES = 100_000;
    private static final java.time.Duration LAST_USED_GRANULARITY = java.time.Duration.ofMinutes(1);

    /** A key as the store had it at {@code epoch}, and the caller it resolved to (set once). */
    public static final class Entry {
        final String keyId;
        final String accountId;
        final String userId;
        final String sealedSecret;
        final boolean active;
        final long epoch;
        volatile Instant lastUsedAt;
        volatile String lastUsedService;
        volatile String lastUsedRegion;
        volatile Caller caller;

        /** The access key id (not secret). */
        public String keyId() {
            return keyId;
        }

        Entry(AccessKeyEntity key, long epoch) {
            this.keyId = key.id;
            this.accountId = key.accountId;
            this.userId = key.userId;
            this.sealedSecret = key.secretSealed;
            this.active = "Active".equals(key.status);
            this.epoch = epoch;
            this.lastUsedAt = key.lastUsedAt;
            this.lastUsedService = key.lastUsedService;
            this.lastUsedRegion = key.lastUsedRegion;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    AccountStates accounts;

    /** The key's current entry, or null when no such key exists. */
    public Entry lookup(String keyId) {
        Entry cached = entries.get(keyId);
        // The epoch an entry is kept under must be read before the key it guards: read after, it
        // could be a bump that the loaded key does not show yet.
        long epoch = cached == null ? 0 : accounts.epoch(cached.accountId);
        if (cached != null && epoch == cached.epoch) {
            return cached;
        }
        AccessKeyEntity key = AccessKeyEntity.findById(keyId);
        if (key != null && cached == null) {
            // First sight: the key's account was not known before the load; load it again after.
            epoch = accounts.epoch(key.accountId);
            AccessKeyEntity.getEntityManager().detach(key); // else the session hands back the same one
            key = AccessKeyEntity.findById(keyId);
        }
        if (key == null) {
            entries.remove(keyId);
            return null;
        }
        Entry fresh = new Entry(key, epoch);
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(keyId, fresh);
        return fresh;
    }

    /**
     * Notes that a key was used; returns true when the store's record is stale (older than a minute,
     * or another service or region) and {@link #writeUse} should be called once the request's own
     * transaction has ended (so the write neither needs a second connection while the request
     * holds one, nor rolls back with a refused call).
     */
    public boolean noteUse(Entry key, String service, String region, Instant now) {
        boolean stale = key.lastUsedAt == null || key.lastUsedAt.plus(LAST_USED_GRANULARITY).isBefore(now)
                || !service.equals(key.lastUsedService) || !region.equals(key.lastUsedRegion);
        if (stale) {
            key.lastUsedAt = now;
            key.lastUsedService = service;
            key.lastUsedRegion = region;
        }
        return stale;
    }

    /** Writes a key's last use, in a transaction of its own; call outside any transaction. */
    public void writeUse(Entry key) {
        Instant at = key.lastUsedAt;
        String service = key.lastUsedService;
        String region = key.lastUsedRegion;
        QuarkusTransaction.requiringNew().run(() -> AccessKeyEntity.update(
                "lastUsedAt = ?1, lastUsedService = ?2, lastUsedRegion = ?3 where id = ?4", at, service, region,
                key.keyId));
    }
}
