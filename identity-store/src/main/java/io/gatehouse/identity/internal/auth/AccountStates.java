package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.RequestStart;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * An account's policy epoch and status, read on every authenticated request to validate the
 * caches of callers, keys and policy sets. Plain JDBC on the pool, one primary-key read: it joins
 * the request's transaction when there is one (the same connection, so it sees the transaction's
 * own epoch bump), and runs in autocommit otherwise. An entity load here cost more than the rest of
 * a cached request's authentication.
 *
 * <p>Concurrent requests share reads: a request may use a read that <em>began after the request
 * started</em> ({@link RequestStart}), because such a read saw every change committed before the
 * request arrived, exactly what a read of its own would have seen at the earliest. Only reads made
 * outside a transaction are shared or reused: one inside a transaction may see that transaction's
 * own, uncommitted bump, which must never reach another request.
 */
@ApplicationScoped
public class AccountStates {
    private static final String QUERY = "SELECT policy_epoch, status FROM iam_account WHERE id = ?";

    /** The account as cached entries check it; {@link #MISSING} when there is no such account. */
    public record State(long epoch, boolean active) {}

    public static final State MISSING = new State(-1, false);

    /** A state and when the read that found it began ({@link System#nanoTime()}). */
    private record Read(long began, State state) {}

    private static final int MAX_ACCOUNTS = 100_000;

    private final Map<String, Read> latest = new ConcurrentHashMap<>();

    @Inject
    DataSource dataSource;

    public State of(String accountId) {
        if (!RequestStart.open() || QuarkusTransaction.isActive()) {
            return read(accountId);
        }
        Read known = latest.get(accountId);
        if (known != null && known.began() - RequestStart.nanos() >= 0) {
            return known.state();
        }
        long began = System.nanoTime();
        State state = read(accountId);
        if (latest.size() > MAX_ACCOUNTS) {
            latest.clear();
        }
        latest.merge(accountId, new Read(began, state), (old, fresh) -> fresh.began() - old.began() >= 0 ? fresh : old);
        return state;
    }

    private State read(String accountId) {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(QUERY)) {
            query.setString(1, accountId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new State(row.getLong(1), "ACTIVE".equals(row.getString(2))) : MISSING;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the policy epoch of account " + accountId + " failed", e);
        }
    }

    /** The account's policy epoch, -1 when there is no such account. */
    public long epoch(String accountId) {
        return of(accountId).epoch();
    }
}
