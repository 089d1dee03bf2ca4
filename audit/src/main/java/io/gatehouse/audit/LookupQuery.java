package io.gatehouse.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link EventHistory#lookup} reads: one account's events, optionally filtered.
 *
 * @param accountId the account whose events are read (12 digits); nothing else is ever returned
 * @param attribute the one filter, or null for all events
 * @param startTime the earliest event time included, or null for no lower bound
 * @param endTime the latest event time included, or null for no upper bound
 * @param maxResults the page size, 1 to {@value #MAX_RESULTS}
 * @param nextToken the token of the previous page of this same query, or null for the first page
 */
public record LookupQuery(String accountId, LookupAttribute attribute, Instant startTime, Instant endTime,
        int maxResults, String nextToken) {

    /** The largest page LookupEvents returns, and the default. */
    public static final int MAX_RESULTS = 50;

    public LookupQuery {
        Objects.requireNonNull(accountId, "accountId");
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw new IllegalArgumentException("maxResults must be 1 to " + MAX_RESULTS + ": " + maxResults);
        }
        if (startTime != null && endTime != null && startTime.isAfter(endTime)) {
            throw new IllegalArgumentException("startTime is after endTime");
        }
    }

    public static Builder builder(String accountId) {
        return new Builder(accountId);
    }

    /** Builds a {@link LookupQuery}; unset fields are null, and the page size {@value #MAX_RESULTS}. */
    public static final class Builder {
        private final String accountId;
        private LookupAttribute attribute;
        private Instant startTime;
        private Instant endTime;
        private int maxResults = MAX_RESULTS;
        private String nextToken;

        private Builder(String accountId) {
            this.accountId = accountId;
        }

        public Builder attribute(LookupAttribute attribute) {
            this.attribute = attribute;
            return this;
        }

        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        public Builder endTime(Instant endTime) {
            this.endTime = endTime;
            return this;
        }

        public Builder maxResults(int maxResults) {
            this.maxResults = maxResults;
            return this;
        }

        public Builder nextToken(String nextToken) {
            this.nextToken = nextToken;
            return this;
        }

        public LookupQuery build() {
            return new LookupQuery(accountId, attribute, startTime, endTime, maxResults, nextToken);
        }
    }
}
