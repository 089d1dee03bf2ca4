package io.gatehouse.identity.internal.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.AwsException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestTimeTest {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void parsesEveryValidBasicTimestampToTheSameInstantAsAFormatter() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L)); // years 1970..9999
            String text = BASIC.format(at);
            RequestTime parsed = RequestTime.ofAmzDate(text);
            assertThat(parsed.signedAt()).as(text).isEqualTo(at);
            assertThat(parsed.amzDate()).isEqualTo(text);
        }
        assertThat(RequestTime.ofAmzDate("20240229T235959Z").signedAt()).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    }

    @Test
    void refusesWhatIsNotABasicTimestampOrNotADate() {
        for (String bad : List.of("", "20261123T120000", "20261123T120000z", "2026-11-23T12:00:00Z", "20261123 120000Z",
                "2026112T1200000Z", "20261323T120000Z", "20230229T120000Z", "20261123T240000Z", "20261123T126000Z",
                "20261123T120060Z", "20261100T120000Z", "+0261123T120000Z", "2026112３T120000Z", "20261123T120000ZZ")) {
            assertThatThrownBy(() -> RequestTime.ofAmzDate(bad)).as(bad).isInstanceOf(AwsException.class)
                    .hasMessageContaining("X-Amz-Date must be in ISO 8601 basic format");
        }
    }
}
