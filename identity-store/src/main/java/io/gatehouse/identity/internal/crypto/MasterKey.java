package io.gatehouse.identity.internal.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the 32-byte master key that seals secrets at rest ({@link SecretBox}).
 *
 * <p>In order: the configured value ({@code gatehouse.master-key}, {@code --master-key},
 * {@code GATEHOUSE_MASTER_KEY}: base64 of exactly 32 bytes); else {@code <data-dir>/master.key}
 * when it exists; else, only when {@code mayGenerate} (embedded first start), a new random key
 * written to that file, readable by its owner only. Refused with an {@link IllegalStateException}
 * whose message names the option or file, never the key: a malformed configured value or key file,
 * and a missing key when generating is not allowed (a MariaDB deployment must share one key across
 * replicas, so a replica must not invent its own).
 */
public final class MasterKey {
    /** File name of the generated key inside the data directory. */
    public static final String FILE_NAME = "master.key";
    static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private MasterKey() {
    }

    /** The master key (a fresh array the caller should wipe when done). */
    public static byte[] resolve(Optional<String> configured, Path dataDir, boolean mayGenerate) {
        Objects.requireNonNull(configured, "configured");
        Optional<String> value = configured.map(String::strip).filter(s -> !s.isEmpty());
        if (value.isPresent()) {
            return decode(value.get(), "the configured master-key (--master-key / GATEHOUSE_MASTER_KEY)");
        }
        Path file = Objects.requireNonNull(dataDir, "dataDir").resolve(FILE_NAME);
        if (Files.exists(file)) {
            return read(file);
        }
        if (!mayGenerate) {
            throw new IllegalStateException("No master key: set --master-key / GATEHOUSE_MASTER_KEY: a MariaDB "
                    + "deployment needs the same master key on every replica (generate one with: openssl rand -base64 32)");
        }
        return generate(file);
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes an offending character: do not chain it.
            throw new IllegalStateException(source + " is not valid base64; it must be the base64 of exactly "
                    + LENGTH + " random bytes (openssl rand -base64 32)");
        }
        if (key.length != LENGTH) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException(source + " decodes to " + length + " bytes; it must be the base64 of "
                    + "exactly " + LENGTH + " random bytes (openssl rand -base64 32)");
        }
        return key;
    }

    private static byte[] read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the master key file " + file + ": " + e.getClass().getSimpleName());
        }
        String text = new String(content, StandardCharsets.US_ASCII);
        Arrays.fill(content, (byte) 0);
        return decode(text.strip(), "the master key file " + file);
    }

    private static byte[] generate(Path file) {
        byte[] key = new byte[LENGTH];
        RANDOM.nextBytes(key);
        // Stored as base64 text, so an operator can move it into GATEHOUSE_MASTER_KEY when going to MariaDB.
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path tmp = file.resolveSibling(FILE_NAME + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            // Created with mode 0600 from the start (no window in which it is world-readable), fsynced,
            // then published under its final name in one step.
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly(file))) {
                ch.write(ByteBuffer.wrap(text));
                ch.force(true);
            }
            publish(tmp, file);
        } catch (FileAlreadyExistsException e) {
            // Another process generated the key first: use theirs.
            Arrays.fill(key, (byte) 0);
            return read(file);
        } catch (IOException e) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException("Cannot write the master key file " + file + ": " + e.getClass().getSimpleName()
                    + " (set --master-key / GATEHOUSE_MASTER_KEY, or make the data directory writable)");
        } finally {
            Arrays.fill(text, (byte) 0);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // A leftover temporary file is mode 0600; nothing more to do.
            }
        }
        return key;
    }

    /** Makes {@code tmp} visible as {@code file} without ever replacing an existing key. */
    private static void publish(Path tmp, Path file) throws IOException {
        try {
            Files.createLink(file, tmp); // atomic, fails if the file exists
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            Files.move(tmp, file); // no hard links on this file system: no REPLACE_EXISTING either
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        // Non-POSIX (Windows): the data directory's ACLs govern access.
        return new FileAttribute<?>[0];
    }
}
