package io.gatehouse.identity.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XmlWriterTest {
    @Test
    void datesAreIsoUtcToTheSecondAsAFormatterWritesThem() {
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-10_000_000_000L, 253_402_300_799L), random.nextInt(1_000_000_000));
            assertThat(XmlWriter.date(at)).as(at.toString()).isEqualTo(iso.format(at.truncatedTo(ChronoUnit.SECONDS)));
        }
        assertThat(XmlWriter.date(Instant.parse("2026-01-02T03:04:05.999Z"))).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void elementsEscapeTheirText() {
        assertThat(new XmlWriter().element("A", "<&>\"'").toString()).isEqualTo("<A>&lt;&amp;&gt;&quot;&apos;</A>");
    }
}
