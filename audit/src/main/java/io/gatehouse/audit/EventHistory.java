package io.gatehouse.audit;

/**
 * Reads recorded events back, as CloudTrail's LookupEvents does: one account's events, newest
 * first, filtered by at most one {@link LookupAttribute} and a time range, a page at a time.
 *
 * <p>The caller has already decided who may read which account (authorization is not this
 * module's); the query never returns events of any account but {@link LookupQuery#accountId()}.
 * Runs in the caller's transaction if there is one, otherwise in its own.
 */
public interface EventHistory {

    /**
     * One page of the account's events, newest first (by event time, then by recording order).
     *
     * @throws InvalidNextTokenException when the query's next token was not issued for this same
     *     query (account, attribute, time range) or is malformed
     * @throws AuditException when the events cannot be read
     */
    LookupPage lookup(LookupQuery query);
}
