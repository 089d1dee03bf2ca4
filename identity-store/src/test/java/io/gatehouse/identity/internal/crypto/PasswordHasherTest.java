package io.gatehouse.identity.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final String ENCODED = HASHER.hash("correct horse battery staple".toCharArray());

    @Test
    void hashVerifies() {
        assertThat(HASHER.verify("correct horse battery staple".toCharArray(), ENCODED)).isTrue();
    }

    @Test
    void wrongPasswordFails() {
        assertThat(HASHER.verify("correct horse battery stapl".toCharArray(), ENCODED)).isFalse();
        assertThat(HASHER.verify(new char[0], ENCODED)).isFalse();
        assertThat(HASHER.verify(null, ENCODED)).isFalse();
    }

    @Test
    void encodedStringCarriesOwaspParameters() {
        assertThat(ENCODED).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        String[] parts = ENCODED.split("\\$");
        assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
        assertThat(HASHER.needsRehash(ENCODED)).isFalse();
    }

    @Test
    void verifiesHashesOfTheReferenceImplementation() {
        // Produced by libargon2 (the reference C implementation, through argon2-cffi's hash_secret).
        String owasp = "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$yxo0u725ht/u+ArqyyL37VGxPOyFMvsz2eBUq2J6aH8";
        String cheaper = "$argon2id$v=19$m=1024,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$CKGe5/bX9YnCq2rxjW5yQXKxn31v1GKzhDCrMc6r6vA";

        assertThat(HASHER.verify("pässwörd".toCharArray(), owasp)).isTrue();
        assertThat(HASHER.verify("password".toCharArray(), owasp)).isFalse();
        assertThat(HASHER.needsRehash(owasp)).isFalse();
        assertThat(HASHER.verify("password".toCharArray(), cheaper)).isTrue();
        assertThat(HASHER.needsRehash(cheaper)).isTrue();
    }

    @Test
    void twoHashesOfTheSamePasswordDiffer() {
        String again = HASHER.hash("correct horse battery staple".toCharArray());
        assertThat(again).isNotEqualTo(ENCODED);
        assertThat(HASHER.verify("correct horse battery staple".toCharArray(), again)).isTrue();
    }

    @Test
    void nonAsciiPasswordsWork() {
        String encoded = HASHER.hash("pässwörd-密码-🔑".toCharArray());
        assertThat(HASHER.verify("pässwörd-密码-🔑".toCharArray(), encoded)).isTrue();
        assertThat(HASHER.verify("passwörd-密码-🔑".toCharArray(), encoded)).isFalse();
    }

    @Test
    void malformedEncodedStringsAreFalseNotExceptions() {
        char[] pw = "correct horse battery staple".toCharArray();
        String[] bad = {null, "", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA",
            ENCODED.replace("v=19", "v=16"), ENCODED.replace("m=19456", "m=abc"), ENCODED.replace("m=19456", "m=99999999"),
            ENCODED.replace(",p=1", ""), ENCODED + "$extra", ENCODED.substring(0, ENCODED.lastIndexOf('$')),
            ENCODED.substring(0, ENCODED.lastIndexOf('$') + 1) + "!!!!", ENCODED.replace("t=2", "t=0")};
        for (String encoded : bad) {
            assertThat(HASHER.verify(pw, encoded)).as(String.valueOf(encoded)).isFalse();
            assertThat(HASHER.needsRehash(encoded)).isTrue();
        }
    }

    @Test
    void parametersAreReadFromTheString() {
        // A hash made at other (here: weaker) parameters still verifies, and is flagged for re-hashing.
        String weaker = HASHER.hashWith("pw".toCharArray(), 1024, 1, 1);
        assertThat(weaker).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(HASHER.verify("pw".toCharArray(), weaker)).isTrue();
        assertThat(HASHER.verify("px".toCharArray(), weaker)).isFalse();
        assertThat(HASHER.needsRehash(weaker)).isTrue();
    }
}
