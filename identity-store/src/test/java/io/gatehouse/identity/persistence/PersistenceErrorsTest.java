package io.gatehouse.identity.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

class PersistenceErrorsTest {

    @Test
    void deadlocksAndLockTimeoutsAreTransientWhereverTheyAreInTheCauseChain() {
        SQLException deadlock = new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213);
        SQLException lockTimeout = new SQLException("Lock wait timeout exceeded", "HY000", 1205);
        SQLException galeraDeadlock = new SQLException("Deadlock: wsrep aborted transaction", "40001", 0);
        assertThat(PersistenceErrors.isTransient(deadlock)).isTrue();
        assertThat(PersistenceErrors.isTransient(lockTimeout)).isTrue();
        assertThat(PersistenceErrors.isTransient(galeraDeadlock)).isTrue();
        // As the pipelines see them: wrapped by Hibernate, JPA and the audit log.
        RuntimeException wrapped = new IllegalStateException("could not store audit event",
                new jakarta.persistence.PessimisticLockException("could not execute statement", deadlock));
        assertThat(PersistenceErrors.isTransient(wrapped)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(PersistenceErrors.isTransient(new SQLIntegrityConstraintViolationException("Duplicate entry", "23000",
                1062))).isFalse();
        assertThat(PersistenceErrors.isTransient(new SQLException("Table doesn't exist", "42S02", 1146))).isFalse();
        assertThat(PersistenceErrors.isTransient(new IllegalStateException("a bug of ours"))).isFalse();
        assertThat(PersistenceErrors.isTransient(null)).isFalse();
    }
}
