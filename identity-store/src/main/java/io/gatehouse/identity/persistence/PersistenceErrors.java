package io.gatehouse.identity.persistence;

import io.gatehouse.identity.AwsException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Translates what the database refused into the protocol's terms, so that JDBC and Hibernate
 * exceptions never leave persistence: a unique-key violation (two concurrent requests creating the
 * same name; the first commits, the second is refused at commit) is EntityAlreadyExists.
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
}
