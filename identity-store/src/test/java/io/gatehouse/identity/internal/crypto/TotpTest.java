package io.gatehouse.identity.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    /** Base32 of RFC 6238's SHA-1 seed, the ASCII string "12345678901234567890". */
    private static final String RFC_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private final Totp totp = new Totp();

    /** RFC 6238 Appendix B, the SHA-1 rows (8 digits there). */
    @ParameterizedTest
    @CsvSource({
        "59, 0000000000000001, 94287082",
        "1111111109, 00000000023523EC, 07081804",
        "1111111111, 00000000023523ED, 14050471",
        "1234567890, 000000000273EF07, 89005924",
        "2000000000, 0000000003F940AA, 69279037",
        "20000000000, 0000000027BC86AA, 65353130"})
    void rfc6238Vectors(long epochSeconds, String counterHex, String code) {
        Totp eightDigits = new Totp(8);
        Instant time = Instant.ofEpochSecond(epochSeconds);

        assertThat(Totp.counterAt(time)).isEqualTo(Long.parseLong(counterHex, 16));
        assertThat(eightDigits.code(RFC_SEED, Totp.counterAt(time))).isEqualTo(code);
        assertThat(eightDigits.verify(RFC_SEED, code, time)).hasValue(Long.parseLong(counterHex, 16));
    }

    @Test
    void sixDigitCodesAreTheLastSixDigits() {
        // 6-digit truncation of the same HMAC (RFC 4226's dynamic truncation mod 10^6).
        Instant time = Instant.ofEpochSecond(1111111109);
        assertThat(totp.code(RFC_SEED, Totp.counterAt(time))).isEqualTo("081804");
        assertThat(totp.verify(RFC_SEED, "081804", time)).hasValue(0x23523ECL);
        assertThat(totp.verify(RFC_SEED, "07081804", time)).isEmpty();
    }

    @Test
    void acceptsOneStepEitherSideAndReturnsItsCounter() {
        String seed = totp.newSeed();
        Instant now = Instant.parse("2025-06-01T12:00:15Z");
        long current = Totp.counterAt(now);

        assertThat(totp.verify(seed, totp.code(seed, current), now)).hasValue(current);
        assertThat(totp.verify(seed, totp.code(seed, current - 1), now)).hasValue(current - 1);
        assertThat(totp.verify(seed, totp.code(seed, current + 1), now)).hasValue(current + 1);
        String twoBack = totp.code(seed, current - 2);
        if (!Set.of(totp.code(seed, current - 1), totp.code(seed, current), totp.code(seed, current + 1)).contains(twoBack)) {
            assertThat(totp.verify(seed, twoBack, now)).isEmpty();
        }
        String twoAhead = totp.code(seed, current + 2);
        if (!Set.of(totp.code(seed, current - 1), totp.code(seed, current), totp.code(seed, current + 1)).contains(twoAhead)) {
            assertThat(totp.verify(seed, twoAhead, now)).isEmpty();
        }
    }

    @Test
    void stepBoundaries() {
        String seed = totp.newSeed();
        Instant start = Instant.ofEpochSecond(30L * 60_000_000);
        String code = totp.code(seed, Totp.counterAt(start));

        assertThat(totp.verify(seed, code, start.plusSeconds(29))).hasValue(Totp.counterAt(start));
        assertThat(totp.verify(seed, code, start.plusSeconds(59))).hasValue(Totp.counterAt(start));
        assertThat(totp.verify(seed, code, start.minusSeconds(30))).hasValue(Totp.counterAt(start));
    }

    @Test
    void malformedCodesAreRefused() {
        String seed = totp.newSeed();
        Instant now = Instant.now();
        for (String code : new String[] {null, "", "12345", "1234567", "12a456", " 12345", "١٢٣٤٥٦"}) {
            assertThat(totp.verify(seed, code, now)).as(String.valueOf(code)).isEqualTo(OptionalLong.empty());
        }
    }

    @Test
    void seedsAre160BitBase32AndDistinct() {
        Set<String> seeds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String seed = totp.newSeed();
            assertThat(seed).matches("[A-Z2-7]{32}");
            seeds.add(seed);
        }
        assertThat(seeds).hasSize(1000);
    }

    @Test
    void otpauthUri() {
        String uri = totp.otpauthUri("JBSWY3DPEHPK3PXP", "alice@123456789012", "Gatehouse Dev");

        assertThat(uri).isEqualTo("otpauth://totp/Gatehouse%20Dev%3Aalice%40123456789012?secret=JBSWY3DPEHPK3PXP"
                + "&issuer=Gatehouse%20Dev&algorithm=SHA1&digits=6&period=30");
        assertThat(URI.create(uri).getScheme()).isEqualTo("otpauth");
        assertThat(totp.toString()).doesNotContain("JBSWY3DPEHPK3PXP");
    }
}
