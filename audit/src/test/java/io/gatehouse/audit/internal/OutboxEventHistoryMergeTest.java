package io.gatehouse.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.audit.Events;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a lookup joins its two reads: newest first by (event time, outbox id), each row once (a row
 * sealed between the reads is in both), cut at the limit.
 */
class OutboxEventHistoryMergeTest {

    private static final LookupReads.Row A = row(9, 5);
    private static final LookupReads.Row B = row(4, 5);
    private static final LookupReads.Row C = row(7, 3);
    private static final LookupReads.Row D = row(2, 4);
    private static final LookupReads.Row E = row(1, 1);

    @Test
    void newestFirstEachRowOnce() {
        assertThat(OutboxEventHistory.merge(List.of(A, B, C), List.of(B, D, C, E), 10))
                .containsExactly(A, B, D, C, E);
    }

    @Test
    void aRowInBothListsTakesOnePlaceUnderTheLimit() {
        assertThat(OutboxEventHistory.merge(List.of(A, B), List.of(A, B, D), 3)).containsExactly(A, B, D);
        assertThat(OutboxEventHistory.merge(List.of(A, B, C), List.of(B, D, C, E), 2)).containsExactly(A, B);
    }

    @Test
    void eitherListMayBeEmpty() {
        assertThat(OutboxEventHistory.merge(List.of(), List.of(D, E), 5)).containsExactly(D, E);
        assertThat(OutboxEventHistory.merge(List.of(A, C), List.of(), 5)).containsExactly(A, C);
    }

    /** Outbox row {@code id} at {@code second} seconds after the test time. */
    private static LookupReads.Row row(long id, int second) {
        return new LookupReads.Row(id, "event-" + id, Events.TIME.plusSeconds(second), "iam.amazonaws.com", "E" + id,
                null, null, true, "{}");
    }
}
