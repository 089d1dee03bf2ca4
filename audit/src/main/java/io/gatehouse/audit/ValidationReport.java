package io.gatehouse.audit;

import java.util.List;

/**
 * What {@link AuditStreams#validate} found: every problem, each naming the account, sequence number
 * and event where known, plus notes that are not failures (duplicates dropped, events not yet
 * covered by a digest).
 *
 * @param records records read (before de-duplication)
 * @param events distinct chained events
 * @param digests distinct digests whose signature verified
 * @param problems failures: missing, altered, reordered or inserted events, bad digests
 * @param notes information only
 */
public record ValidationReport(int records, int events, int digests, List<Problem> problems, List<String> notes) {

    public ValidationReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** True when nothing failed. */
    public boolean clean() {
        return problems.isEmpty();
    }

    /** What kind of failure. */
    public enum Kind { MISSING, ALTERED, REORDERED, INSERTED, BAD_DIGEST, UNREADABLE }

    /**
     * One failure.
     *
     * @param kind what went wrong
     * @param accountId the account's chain, or null
     * @param sequence the sequence number concerned, or -1
     * @param eventId the event concerned, or null
     * @param detail a sentence for people
     */
    public record Problem(Kind kind, String accountId, long sequence, String eventId, String detail) {
        @Override
        public String toString() {
            return kind + (accountId == null ? "" : " account " + accountId) + (sequence < 0 ? "" : " seq " + sequence)
                    + (eventId == null ? "" : " eventID " + eventId) + ": " + detail;
        }
    }
}
