package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the packaged {@code ./gatehouse policy simulate} and {@code validate}, run as a
 * person runs them: a separate process fed on standard input. Runs after {@code package}.
 */
class PolicyCommandLineIT {
    private static final String CASE = "{\"policies\":{\"identity\":[{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Sid\":\"ReadReports\",\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::reports/*\"},"
            + "{\"Sid\":\"NoSecrets\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::reports/secret/*\"}]}],"
            + "\"scp\":[{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}]},"
            + "\"request\":{\"principalArn\":\"arn:aws:sts::111122223333:assumed-role/Analyst/alice\","
            + "\"action\":\"%s\",\"resource\":\"arn:aws:s3:::reports/%s\"}}";

    private final Path root = Path.of(System.getProperty("gatehouse.repository-root", "..")).toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void simulateAnswersEachLineInOrder() throws Exception {
        String input = String.join("\n",
                String.format(CASE, "s3:GetObject", "2026/q3.csv"),
                String.format(CASE, "s3:GetObject", "secret/keys.txt"),
                String.format(CASE, "s3:PutObject", "2026/q3.csv"),
                "{\"policies\": {\"identity\": [{\"Statement\": []}]}, \"request\": {}}",
                "not json at all") + "\n";
        Result result = run(input, "policy", "simulate");
        assertThat(result.exit).as(result.err).isZero();
        String[] lines = result.out.split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("{\"decision\":\"allowed\"").contains("\"sid\":\"ReadReports\"");
        assertThat(lines[1]).startsWith("{\"decision\":\"explicitDeny\"").contains("\"sid\":\"NoSecrets\"");
        assertThat(lines[2]).startsWith("{\"decision\":\"implicitDeny\"");
        assertThat(lines[3]).startsWith("{\"error\":{\"code\":\"MalformedPolicyDocument\"")
                .contains("identity[0]: Policy document: Statement must not be an empty array");
        assertThat(lines[4]).startsWith("{\"error\":{\"code\":\"InvalidInput\"");
    }

    @Test
    void validateExitsOneOnAMalformedDocument() throws Exception {
        Path bad = Files.writeString(work.resolve("bad.json"),
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3GetObject\",\"Resource\":\"*\"}}");
        Result result = run("", "policy", "validate", bad.toString());
        assertThat(result.exit).isEqualTo(1);
        assertThat(result.out).contains("bad.json: ERROR MALFORMED Statement[0]: Action \"s3GetObject\"");
    }

    private record Result(int exit, String out, String err) {}

    private Result run(String stdin, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = root.resolve("gatehouse").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectError(work.resolve("stderr.txt").toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gatehouse exits").isTrue();
        return new Result(process.exitValue(), out, Files.readString(work.resolve("stderr.txt")));
    }
}
