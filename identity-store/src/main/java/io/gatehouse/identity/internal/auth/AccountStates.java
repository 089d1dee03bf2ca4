package io.gatehouse.identity.internal.auth;

import io.gatehouse.audit.Precondition;
import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.identity.RequestStart;
import io.gatehouse.identity.persistence.AccountEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * An account's policy epoch and status, which every authenticated request needs to validate the
 * caches of callers, keys and policy sets. Plain JDBC on the pool, one primary-key read: it joins
 * the request's transaction when there is one (the same connection, so it sees the transaction's
 * own epoch bump), and runs in autocommit otherwise.
 *
 * <p>Outside a transaction, requests share what was read ({@link RequestStart}):
 * <ul>
 *   <li>a read that <em>began after the request started</em> saw every change committed before the
 *       request arrived, exactly what a read of its own would have seen at the earliest: the request
 *       uses it as its own;
 *   <li>an older read is used too, as a promise: the state it found becomes the request's
 *       {@linkplain RequestStart#precondition() precondition}, which the audit log checks in the
 *       transaction that stores the request's record, after the request decided and before it
 *       answers ({@link Expected}; one read for all the calls that commit together). When the state
 *       has moved, the request is made again, reading afresh. So a change committed anywhere before
 *       a request arrives still decides it, and the database sees one epoch read per shared commit
 *       instead of one per request;
 *   <li>a request about to do something that cannot be undone and done again (use an MFA code)
 *       first {@linkplain #confirm() confirms} what it relied on.
 * </ul>
 * Inside a transaction the same holds when the transaction stores its record with the request's
 * precondition ({@link RequestStart#recordsWithPrecondition()}): the record's INSERT then carries
 * the check ({@link Expected#guard()}), so a write call pays no read for its account's state either.
 * Such a transaction's own read is kept as one that began when its request started (the snapshot
 * it reads is no older). Once the transaction has bumped an epoch, for a request reading afresh, and
 * in a transaction that does not carry the check, reads inside it are made in the transaction and
 * neither shared nor kept: they may see that transaction's own, uncommitted bump, which must never
 * reach another request.
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
    private final Precondition.Check check = this::failing;

    @Inject
    DataSource dataSource;

    public State of(String accountId) {
        boolean inTransaction = QuarkusTransaction.isActive();
        if (!RequestStart.open() || inTransaction && !RequestStart.reliesInTransaction()) {
            return read(accountId);
        }
        Read known = latest.get(accountId);
        if (known != null && known.began() - RequestStart.nanos() >= 0) {
            return known.state();
        }
        if (known != null && !RequestStart.readsAfresh()) {
            expect(accountId, known.state());
            return known.state();
        }
        // In a transaction that has changed no such state, the read sees what was committed when the
        // transaction's snapshot was taken: after the request started, perhaps before this read.
        long began = inTransaction ? RequestStart.nanos() : System.nanoTime();
        State state = read(accountId);
        remember(accountId, began, state);
        return state;
    }

    /** The account's policy epoch, -1 when there is no such account. */
    public long epoch(String accountId) {
        return of(accountId).epoch();
    }

    /**
     * Reads afresh what the current request relied on: when it has not moved, the request's answer
     * so far holds now, after the request started, and needs no precondition any more; when it has,
     * the request must be made again.
     *
     * @throws PreconditionFailedException when a state the request relied on has moved
     */
    public void confirm() {
        Precondition precondition = RequestStart.precondition();
        if (!(precondition instanceof Expected expected)) {
            return;
        }
        for (Map.Entry<String, State> account : expected.states.entrySet()) {
            long began = System.nanoTime();
            State now = read(account.getKey());
            remember(account.getKey(), began, now);
            if (!now.equals(account.getValue())) {
                throw new PreconditionFailedException("the state of account " + account.getKey() + " moved");
            }
        }
        RequestStart.precondition(null);
    }

    /**
     * Bumps the account's policy epoch in the current transaction. When the request relied on the
     * account's state without reading it, the bump starts from exactly that state, or the request is
     * made again: the UPDATE checks it on the latest committed row, and its lock keeps it until the
     * transaction ends, so the request's record need not check it again (the bump has moved it).
     * Either way, reads inside the transaction are made in it from now on.
     *
     * @throws PreconditionFailedException when the state the request relied on has moved
     */
    static void bumpEpoch(String accountId) {
        RequestStart.changedState();
        State relied = RequestStart.precondition() instanceof Expected expected ? expected.states.get(accountId) : null;
        if (relied == null || MISSING.equals(relied)) {
            AccountEntity.update("policyEpoch = policyEpoch + 1 where id = ?1", accountId);
            return;
        }
        if (AccountEntity.update("policyEpoch = policyEpoch + 1 where id = ?1 and policyEpoch = ?2 and "
                + statusIs(relied), accountId, relied.epoch()) == 0) {
            throw new PreconditionFailedException("the state of account " + accountId + " moved");
        }
        Expected expected = (Expected) RequestStart.precondition();
        expected.states.remove(accountId);
        if (expected.states.isEmpty()) {
            RequestStart.precondition(null);
        }
    }

    /**
     * The states a request relied on, checked by {@link #failing} when its record is stored with
     * others, or by the record's own INSERT ({@link #guard()}) in the request's transaction.
     */
    private final class Expected implements Precondition {
        private final Map<String, State> states = new HashMap<>(2);

        @Override
        public Check check() {
            return check;
        }

        @Override
        public Guard guard() {
            Map<String, State> now = Map.copyOf(states);
            StringBuilder condition = new StringBuilder(now.isEmpty() ? "1 = 1" : "");
            for (Map.Entry<String, State> account : now.entrySet()) {
                condition.append(condition.length() == 0 ? "" : " AND ").append(guardOf(account.getValue()));
            }
            return new Guard() {
                @Override
                public String condition() {
                    return condition.toString();
                }

                @Override
                public int bind(PreparedStatement statement, int at) throws SQLException {
                    for (Map.Entry<String, State> account : now.entrySet()) {
                        statement.setString(at++, account.getKey());
                        if (!MISSING.equals(account.getValue())) {
                            statement.setLong(at++, account.getValue().epoch());
                        }
                    }
                    return at;
                }
            };
        }
    }

    /** The SQL condition that the account is in {@code state} (its id and epoch as parameters). */
    private static String guardOf(State state) {
        return MISSING.equals(state) ? "NOT EXISTS (SELECT 1 FROM iam_account WHERE id = ?)"
                : "EXISTS (SELECT 1 FROM iam_account WHERE id = ? AND policy_epoch = ? AND " + statusIs(state) + ")";
    }

    /** The condition, in SQL and in HQL alike, that the account's status is the state's. */
    private static String statusIs(State state) {
        return state.active() ? "status = 'ACTIVE'" : "status <> 'ACTIVE'";
    }

    private void expect(String accountId, State state) {
        Precondition current = RequestStart.precondition();
        Expected expected;
        if (current instanceof Expected mine) {
            expected = mine;
        } else {
            expected = new Expected();
            RequestStart.precondition(expected);
        }
        // A second, different state of the same account cannot both hold: the first one stays, and
        // the check fails the request.
        expected.states.putIfAbsent(accountId, state);
    }

    /** The preconditions whose accounts' states moved: one read for all of them. */
    private Set<Precondition> failing(Connection connection, List<Precondition> preconditions) throws SQLException {
        Set<String> accounts = new LinkedHashSet<>();
        for (Precondition precondition : preconditions) {
            accounts.addAll(((Expected) precondition).states.keySet());
        }
        StringBuilder sql = new StringBuilder("SELECT id, policy_epoch, status FROM iam_account WHERE id IN (");
        for (int i = 0; i < accounts.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        Map<String, State> now = new HashMap<>();
        long began = System.nanoTime();
        try (PreparedStatement query = connection.prepareStatement(sql.append(')').toString())) {
            int p = 1;
            for (String account : accounts) {
                query.setString(p++, account);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    now.put(rows.getString(1), new State(rows.getLong(2), "ACTIVE".equals(rows.getString(3))));
                }
            }
        }
        for (String account : accounts) {
            remember(account, began, now.getOrDefault(account, MISSING));
        }
        Set<Precondition> failing = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Precondition precondition : preconditions) {
            for (Map.Entry<String, State> expected : ((Expected) precondition).states.entrySet()) {
                if (!now.getOrDefault(expected.getKey(), MISSING).equals(expected.getValue())) {
                    failing.add(precondition);
                    break;
                }
            }
        }
        return failing;
    }

    private void remember(String accountId, long began, State state) {
        if (latest.size() > MAX_ACCOUNTS) {
            latest.clear();
        }
        latest.merge(accountId, new Read(began, state), (old, fresh) -> fresh.began() - old.began() >= 0 ? fresh : old);
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
}
