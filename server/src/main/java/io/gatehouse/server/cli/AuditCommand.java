package io.gatehouse.server.cli;

import io.gatehouse.audit.AuditException;
import io.gatehouse.audit.AuditStreams;
import io.gatehouse.audit.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code gatehouse audit validate}: checks an audit stream's hash chains and signed digests,
 * reading the Kafka topic or an exported JSON Lines file, without booting Quarkus. Prints one line
 * per problem and a summary; exit 0 when clean, 1 on any problem, 2 on a usage or read error.
 */
public final class AuditCommand {

    static final String USAGE = String.join("\n",
            "Usage: gatehouse audit validate --keys URL|FILE (--bootstrap-servers HOST:PORT [--topic TOPIC] | --file FILE)",
            "",
            "  --keys               the audit public keys: https://gatehouse.example/.well-known/gatehouse-audit-keys",
            "                       or a saved copy of that document",
            "  --bootstrap-servers  read the whole topic from Kafka (default topic gatehouse.audit.v1)",
            "  --file               read exported records, one JSON object per line (- for standard input)",
            "  --timeout            seconds allowed for reading Kafka or the keys (default 60)",
            "",
            "Exit 0: every chain and digest verified; 1: something is missing, altered, reordered or inserted.",
            "See docs/audit.md.");

    private AuditCommand() {
    }

    /** Runs {@code audit ...} ({@code args} after {@code audit}); returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || !"validate".equals(args[0])) {
            boolean help = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"));
            (help ? out : err).println(USAGE);
            return help ? 0 : 2;
        }
        String keys = null;
        String bootstrap = null;
        String topic = "gatehouse.audit.v1";
        String file = null;
        Duration timeout = Duration.ofSeconds(60);
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (i + 1 >= args.length) {
                err.println("gatehouse audit: " + flag + " needs a value\n" + USAGE);
                return 2;
            }
            String value = args[++i];
            switch (flag) {
                case "--keys" -> keys = value;
                case "--bootstrap-servers" -> bootstrap = value;
                case "--topic" -> topic = value;
                case "--file" -> file = value;
                case "--timeout" -> {
                    try {
                        timeout = Duration.ofSeconds(Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        err.println("gatehouse audit: --timeout takes whole seconds, not '" + value + "'");
                        return 2;
                    }
                }
                default -> {
                    err.println("gatehouse audit: unknown option " + flag + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (keys == null || (bootstrap == null) == (file == null)) {
            err.println("gatehouse audit: give --keys and exactly one of --bootstrap-servers and --file\n" + USAGE);
            return 2;
        }
        try {
            String keysJson = readKeys(keys, timeout);
            List<String> records = file != null ? readLines(file, in)
                    : AuditStreams.readTopic(bootstrap, topic, timeout);
            ValidationReport report = AuditStreams.validate(records, keysJson);
            for (ValidationReport.Problem problem : report.problems()) {
                out.println(problem);
            }
            for (String note : report.notes()) {
                out.println("note: " + note);
            }
            out.printf("%d records, %d events, %d verified digests: %s%n", report.records(), report.events(),
                    report.digests(), report.clean() ? "OK" : report.problems().size() + " problems");
            return report.clean() ? 0 : 1;
        } catch (IOException | AuditException | IllegalArgumentException e) {
            err.println("gatehouse audit: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("gatehouse audit: interrupted");
            return 2;
        }
    }

    private static List<String> readLines(String file, InputStream in) throws IOException {
        String text = file.equals("-") ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        return text.lines().toList();
    }

    private static String readKeys(String keys, Duration timeout) throws IOException, InterruptedException {
        if (!keys.startsWith("http://") && !keys.startsWith("https://")) {
            return Files.readString(Path.of(keys), StandardCharsets.UTF_8);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(keys)).timeout(timeout).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + keys + " answered " + response.statusCode());
        }
        return response.body();
    }
}
