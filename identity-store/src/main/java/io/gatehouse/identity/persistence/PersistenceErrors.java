package io.gatehouse.identity.persistence;

import io.gatehouse.identity.AwsException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Translates what the database refused into the protocol's terms, so that JDBC and Hibernate
 * exceptions never leave persistence: a unique-key violation (two concurrent requests creating the
 * same name; the first commits, the second is refused at commit) is EntityAlreadyExists. A
 * deadlock or lock wait timeout is {@linkplain #isTransient transient}: the pipelines run the
 * request's transaction again.
 */
public final class PersistenceErrors {
    private PersistenceErrors() {}

    /** The AWS refusal a persistence failure stands for, if it is one we understand. */
    public static Optional<AwsException> translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException || t instanceof SQLIntegrityConstraintViolationException) {
                return Optional.of(AwsException.alreadyExists(
                        "An entity with this name already exists (it was created by a concurrent request)."));
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Attempts a request's transaction gets when the database reports a deadlock or lock timeout. */
    public static final int ATTEMPTS = 4;

    /**
     * Whether {@code failure} is the database giving up a transaction that may well succeed when run
     * again: a deadlock (MariaDB 1213, SQLState 40001) or a lock wait timeout (1205). InnoDB picks a
     * victim among transactions that lock rows in different orders (two concurrent attachments of
     * one managed policy, say); the victim's changes are rolled back whole, so running it again is safe.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213
                    || sql.getErrorCode() == 1205)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A short random pause before attempt {@code attempt + 1}, growing with the attempts. */
    public static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
