package io.gatehouse.identity.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {
    @TempDir
    Path dataDir;

    @Test
    void configuredKeyWins() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(dataDir.resolve(MasterKey.FILE_NAME), Base64.getEncoder().encodeToString(new byte[32]));

        byte[] resolved = MasterKey.resolve(Optional.of(" " + Base64.getEncoder().encodeToString(key) + "\n"), dataDir, false);

        assertThat(resolved).isEqualTo(key);
    }

    @Test
    void generatedOnFirstStartWithMode0600AndReused() throws Exception {
        Path sub = dataDir.resolve("data");
        byte[] first = MasterKey.resolve(Optional.empty(), sub, true);
        Path file = sub.resolve(MasterKey.FILE_NAME);

        assertThat(first).hasSize(32);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var listing = Files.list(sub)) {
            assertThat(listing).containsExactly(file); // no temporary file left behind
        }

        byte[] second = MasterKey.resolve(Optional.empty(), sub, true);
        assertThat(second).isEqualTo(first);
        assertThat(MasterKey.resolve(Optional.empty(), sub, false)).isEqualTo(first);
    }

    @Test
    void generatedFileWorksAsConfiguredValue() throws Exception {
        byte[] key = MasterKey.resolve(Optional.empty(), dataDir, true);
        String text = Files.readString(dataDir.resolve(MasterKey.FILE_NAME), StandardCharsets.US_ASCII);

        assertThat(MasterKey.resolve(Optional.of(text), dataDir.resolve("elsewhere"), false)).isEqualTo(key);
    }

    @Test
    void missingKeyWithoutGenerationIsAClearError() {
        assertThatThrownBy(() -> MasterKey.resolve(Optional.empty(), dataDir, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--master-key / GATEHOUSE_MASTER_KEY")
                .hasMessageContaining("same master key on every replica");
        assertThat(dataDir.resolve(MasterKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void configuredKeyOfWrongLengthIsRefusedWithoutShowingIt() {
        String sixteen = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> MasterKey.resolve(Optional.of(sixteen), dataDir, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master-key")
                .hasMessageContaining("16 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(sixteen));
        assertThat(dataDir.resolve(MasterKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void configuredKeyThatIsNotBase64IsRefusedWithoutShowingIt() {
        String value = "this-is-not-base64-and-is-secret!";

        assertThatThrownBy(() -> MasterKey.resolve(Optional.of(value), dataDir, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master-key")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value, "secret"));
    }

    @Test
    void damagedKeyFileIsRefusedWithoutShowingIt() throws Exception {
        Files.writeString(dataDir.resolve(MasterKey.FILE_NAME), "c2hvcnQ=");

        assertThatThrownBy(() -> MasterKey.resolve(Optional.empty(), dataDir, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(MasterKey.FILE_NAME)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2hvcnQ"));
    }
}
