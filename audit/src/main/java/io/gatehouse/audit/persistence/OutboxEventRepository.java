package io.gatehouse.audit.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** The {@code aud_outbox} table. */
@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEventEntity, Long> {

    /**
     * Inserts {@code row} in the caller's transaction (the insert runs now: the key is the
     * database's). Refuses to run without one: {@link jakarta.transaction.TransactionalException}.
     */
    @Transactional(TxType.MANDATORY)
    public void insert(OutboxEventEntity row) {
        persist(row);
    }
}
