package io.gatehouse.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands the bootstrap administrator's generated credentials over exactly once: printed on
 * standard output (not the log) and written to {@code <data-dir>/bootstrap-admin.json}, created
 * with mode 0600. Credentials given as options are neither printed nor written.
 */
@ApplicationScoped
public class BootstrapHandover {
    static final String FILE_NAME = "bootstrap-admin.json";
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#%^*-_=+";

    /** The administrator created on first start. */
    public record Admin(String accountId, String userName, String accessKeyId, String secretAccessKey,
            String password, boolean generated) {
        @Override
        public String toString() {
            return "Admin[" + accountId + ", " + userName + ", " + accessKeyId + "]";
        }
    }

    @ConfigProperty(name = "gatehouse.data-dir", defaultValue = "./data")
    String dataDir;

    void handOver(Admin admin) {
        if (!admin.generated()) {
            return;
        }
        Path file = Path.of(dataDir).resolve(FILE_NAME);
        write(file, admin);
        System.out.println("Bootstrap administrator (shown once; also in " + file + ", mode 0600):\n"
                + "  account:           " + admin.accountId() + "\n"
                + "  user:              " + admin.userName() + "\n"
                + "  access key id:     " + admin.accessKeyId() + "\n"
                + "  secret access key: " + admin.secretAccessKey() + "\n"
                + "  console password:  " + admin.password());
    }

    private static void write(Path file, Admin admin) {
        ObjectNode json = new ObjectMapper().createObjectNode()
                .put("accountId", admin.accountId()).put("userName", admin.userName())
                .put("accessKeyId", admin.accessKeyId()).put("secretAccessKey", admin.secretAccessKey())
                .put("password", admin.password());
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(json.toPrettyString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** 20 characters with upper, lower, digit and symbol: meets any password policy IAM allows. */
    static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder("Aa1!");
        for (int i = 0; i < 16; i++) {
            out.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        char[] chars = out.toString().toCharArray();
        for (int i = chars.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = chars[i];
            chars[i] = chars[j];
            chars[j] = t;
        }
        return new String(chars);
    }
}
