package io.gatehouse.identity.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class AwsIdsTest {
    static Stream<Arguments> generators() {
        return Stream.of(
                Arguments.of(Named.of("access key id", (Supplier<String>) AwsIds::accessKeyId), "AKIA[A-Z2-7]{16}"),
                Arguments.of(Named.of("temporary access key id", (Supplier<String>) AwsIds::temporaryAccessKeyId),
                        "ASIA[A-Z2-7]{16}"),
                Arguments.of(Named.of("secret access key", (Supplier<String>) AwsIds::secretAccessKey), "[A-Za-z0-9+/]{40}"),
                Arguments.of(Named.of("user id", (Supplier<String>) AwsIds::userId), "AIDA[A-Z2-7]{17}"),
                Arguments.of(Named.of("group id", (Supplier<String>) AwsIds::groupId), "AGPA[A-Z2-7]{17}"),
                Arguments.of(Named.of("role id", (Supplier<String>) AwsIds::roleId), "AROA[A-Z2-7]{17}"),
                Arguments.of(Named.of("policy id", (Supplier<String>) AwsIds::policyId), "ANPA[A-Z2-7]{17}"),
                Arguments.of(Named.of("instance profile id", (Supplier<String>) () -> AwsIds.uniqueId("AIPA")),
                        "AIPA[A-Z2-7]{17}"),
                Arguments.of(Named.of("account id", (Supplier<String>) AwsIds::accountId), "[1-9][0-9]{11}"),
                Arguments.of(Named.of("MFA serial suffix", (Supplier<String>) AwsIds::mfaSerialSuffix), "[A-Z2-7]{16}"));
    }

    @ParameterizedTest
    @MethodSource("generators")
    void formatAndUniquenessOver10000Draws(Supplier<String> generator, String regex) {
        Pattern format = Pattern.compile(regex);
        Set<String> seen = new HashSet<>();
        // 12-digit account ids have only ~9e11 values: 10,000 draws would collide about once in
        // 18,000 runs, so their uniqueness is checked over the first 1,000 (about 1 in 1.8 million).
        int uniqueDraws = regex.startsWith("[1-9]") ? 1_000 : 10_000;
        for (int i = 0; i < 10_000; i++) {
            String id = generator.get();
            assertThat(id).matches(format);
            if (i < uniqueDraws) {
                seen.add(id);
            }
        }
        assertThat(seen).hasSize(uniqueDraws);
    }

    @Test
    void keyIdsCarryTheirAccountAsAwsKeyIdsDo() {
        for (String account : new String[] {"000000000001", "123456789012", "999999999999", AwsIds.accountId()}) {
            String temporary = AwsIds.temporaryAccessKeyId(account);
            String longTerm = AwsIds.accessKeyId(account);
            assertThat(temporary).matches("ASIA[A-Z2-7]{16}");
            assertThat(longTerm).matches("AKIA[A-Z2-7]{16}");
            assertThat(AwsIds.accountOfKey(temporary)).contains(account);
            assertThat(AwsIds.accountOfKey(longTerm)).contains(account);
        }
        assertThat(AwsIds.temporaryAccessKeyId("123456789012")).isNotEqualTo(AwsIds.temporaryAccessKeyId("123456789012"));
    }

    @Test
    void anAwsIssuedKeyIdReadsAsAwsReadsIt() {
        // A temporary key id AWS issued, and the account GetAccessKeyInfo answered for it.
        assertThat(AwsIds.accountOfKey("ASIAY34FZKBOKMUTVV7A")).contains("609629065308");
    }

    @Test
    void idsThatCarryNoAccountReadAsEmpty() {
        assertThat(AwsIds.accountOfKey("AKIA1234")).isEmpty();
        assertThat(AwsIds.accountOfKey("AKIA0000000000000000")).isEmpty(); // 0 and 1 are not Base32
        assertThat(AwsIds.accountOfKey(null)).isEmpty();
        assertThatThrownBy(() -> AwsIds.temporaryAccessKeyId("9999999999999")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uniqueIdsAre21Characters() {
        assertThat(AwsIds.userId()).hasSize(21);
        assertThat(AwsIds.roleId()).hasSize(21);
    }

    @Test
    void everyAlphabetCharacterIsUsed() {
        // A crude check against a biased or truncated alphabet.
        Set<Character> chars = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            AwsIds.secretAccessKey().chars().forEach(c -> chars.add((char) c));
        }
        assertThat(chars).hasSize(64);
    }

    @Test
    void badPrefixIsRefused() {
        assertThatThrownBy(() -> AwsIds.uniqueId("XYZ")).isInstanceOf(IllegalArgumentException.class);
    }
}
