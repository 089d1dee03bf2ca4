package io.gatehouse.identity.internal.workforce;

import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.persistence.WsStoreEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * The instance's one identity store: created on start when missing (a new instance, or a database
 * from before the workforce directory), owned by the management account. Its id never changes,
 * so it is cached once read.
 */
@ApplicationScoped
public class IdentityStores {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(IdentityStores.class);

    @Inject
    Clock clock;

    private volatile Store store;

    /** The identity store id and the account that owns it. */
    public record Store(String id, String accountId) {
        /** {@code arn:aws:identitystore::<account>:identitystore/d-...}. */
        public String arn() {
            return "arn:aws:identitystore::" + accountId + ":identitystore/" + id;
        }
    }

    /** After the bootstrap created the management account (observers run in priority order). */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        Store started = QuarkusTransaction.requiringNew().call(this::ensure);
        if (started != null) {
            LOG.infof("workforce identity store %s (SCIM at /scim/v2)", started.id());
        }
    }

    /** The store, created in a transaction of its own on first use when the start could not. */
    public Store current() {
        Store known = store;
        if (known == null) {
            known = QuarkusTransaction.requiringNew().call(this::ensure);
        }
        return known;
    }

    private Store ensure() {
        WsStoreEntity entity = WsStoreEntity.<WsStoreEntity>findAll().firstResult();
        if (entity == null) {
            AccountEntity management = AccountEntity.<AccountEntity>find("management", true).firstResult();
            if (management == null) {
                return null;
            }
            byte[] bytes = new byte[5];
            RANDOM.nextBytes(bytes);
            entity = new WsStoreEntity();
            entity.id = "d-" + HexFormat.of().formatHex(bytes);
            entity.accountId = management.id;
            entity.createdAt = clock.instant();
            entity.persist();
        }
        Store found = new Store(entity.id, entity.accountId);
        store = found;
        return found;
    }
}
