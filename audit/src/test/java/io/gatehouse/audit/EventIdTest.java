package io.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** New eventIDs are version 7 UUIDs: time first, so the outbox's unique key grows at its end. */
class EventIdTest {

    @Test
    void anEventsIdIsAVersion7UuidOfItsTimeWithTheRandomUuidsVariant() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(Events.createUser().eventID(null).build().eventID());
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void theTimeIsTheFirst48BitsAndTheRestIsTheRandomUuidsBits() {
        UUID random = UUID.fromString("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0ff");
        long millis = Instant.parse("2026-11-24T14:30:00Z").toEpochMilli();
        UUID id = AuditEvent.timeOrdered(millis, random);
        assertThat(id.toString()).isEqualTo(String.format("%08x-%04x-7978-8695-a4b3c2d1e0ff",
                millis >>> 16, millis & 0xFFFF));
    }

    @Test
    void idsOfLaterMillisecondsSortAfterAndIdsDoNotRepeat() {
        List<String> ids = new ArrayList<>();
        for (long millis = 1_700_000_000_000L; millis < 1_700_000_000_000L + 1_000; millis++) {
            ids.add(AuditEvent.timeOrdered(millis, UUID.randomUUID()).toString());
        }
        assertThat(ids).isSorted();
        Set<String> many = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(AuditEvent.newEventId());
        }
        assertThat(many).hasSize(10_000);
    }
}
