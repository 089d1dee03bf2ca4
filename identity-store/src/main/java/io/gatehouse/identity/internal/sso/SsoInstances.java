package io.gatehouse.identity.internal.sso;

import io.gatehouse.identity.internal.workforce.IdentityStores;
import io.gatehouse.identity.persistence.SsoInstanceEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The instance's one IAM Identity Center instance ({@code ssoins-<16 hex>}) over the identity
 * store, owned by the management account: created on start after the identity store, or on first
 * use. Its id never changes, so it is cached once read.
 */
@ApplicationScoped
public class SsoInstances {
    static final String NAME = "Gatehouse";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    IdentityStores stores;
    @Inject
    Clock clock;

    private volatile Instance instance;

    /** The instance: its id, the identity store's id, the owner account and when it was made. */
    public record Instance(String id, String storeId, String ownerAccountId, String name, Instant createdAt) {
        /** {@code arn:aws:sso:::instance/ssoins-...}. */
        public String arn() {
            return "arn:aws:sso:::instance/" + id;
        }
    }

    /** After the identity store was made (observers run in priority order). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 700) StartupEvent event) {
        current();
    }

    /** The instance, created in a transaction of its own when missing; null before the management account exists. */
    public Instance current() {
        Instance known = instance;
        if (known == null) {
            IdentityStores.Store store = stores.current();
            if (store == null) {
                return null;
            }
            known = QuarkusTransaction.requiringNew().call(() -> ensure(store));
            instance = known;
        }
        return known;
    }

    private Instance ensure(IdentityStores.Store store) {
        SsoInstanceEntity entity = SsoInstanceEntity.<SsoInstanceEntity>find("storeId", store.id()).firstResult();
        if (entity == null) {
            byte[] bytes = new byte[8];
            RANDOM.nextBytes(bytes);
            entity = new SsoInstanceEntity();
            entity.id = "ssoins-" + HexFormat.of().formatHex(bytes);
            entity.storeId = store.id();
            entity.accountId = store.accountId();
            entity.name = NAME;
            entity.createdAt = clock.instant();
            entity.persist();
        }
        return new Instance(entity.id, entity.storeId, entity.accountId, entity.name, entity.createdAt);
    }

    /** 16 random hex digits, for permission set ids. */
    static String hex16() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
