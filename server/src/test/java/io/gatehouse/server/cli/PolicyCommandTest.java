package io.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCommandTest {
    private static final String ALLOW_HOME = "{\"policies\":{\"identity\":[{\"Version\":\"2012-10-17\",\"Statement\":"
            + "{\"Sid\":\"Home\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::home/${aws:username}/*\"}}]},"
            + "\"request\":{\"principalArn\":\"arn:aws:iam::111122223333:user/alice\",\"action\":\"s3:GetObject\","
            + "\"resource\":\"arn:aws:s3:::home/%s/notes.txt\",\"context\":{\"aws:username\":\"alice\"}}}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return PolicyCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String[] outLines() {
        return out.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void simulateWritesOneLineEachInOrderAndABadLineDoesNotStopTheStream() {
        String input = String.format(ALLOW_HOME, "alice") + "\n" + "{broken\n\n" + String.format(ALLOW_HOME, "bob") + "\n";
        assertThat(run(input, "simulate")).isZero();
        String[] lines = outLines();
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("{\"decision\":\"allowed\"").contains("\"sid\":\"Home\"");
        assertThat(lines[1]).startsWith("{\"error\":{\"code\":\"InvalidInput\"");
        assertThat(lines[2]).startsWith("{\"decision\":\"implicitDeny\"");
    }

    @Test
    void simulateRunsAThousandCasesInOneProcess() {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            input.append(String.format(ALLOW_HOME, i % 2 == 0 ? "alice" : "user" + i)).append('\n');
        }
        assertThat(run(input.toString(), "simulate")).isZero();
        String[] lines = outLines();
        assertThat(lines).hasSize(1000);
        assertThat(lines[998]).contains("\"allowed\"");
        assertThat(lines[999]).contains("\"implicitDeny\"");
    }

    @Test
    void validateReportsMalformedDocumentsWithExitStatusOne(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.json"),
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}");
        Path bad = Files.writeString(dir.resolve("bad.json"),
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"X\",\"Effect\":\"Permit\",\"Action\":\"*\",\"Resource\":\"*\"}}");
        assertThat(run("", "validate", good.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("good.json: OK");
        assertThat(run("", "validate", good.toString(), bad.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("bad.json: ERROR MALFORMED Statement[0] (Sid \"X\"): Effect must be \"Allow\" or \"Deny\"");
    }

    @Test
    void validatePrintsLintFindingsWithTheirPlace(@TempDir Path dir) throws IOException {
        Path admin = Files.writeString(dir.resolve("admin.json"),
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"Admin\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}");
        assertThat(run("", "validate", admin.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("admin.json: WARNING ALLOW_ALL Statement[0] (Sid \"Admin\"): allows every action");
    }

    @Test
    void validateTakesTheKind(@TempDir Path dir) throws IOException {
        Path trust = Files.writeString(dir.resolve("trust.json"), "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}");
        assertThat(run("", "validate", trust.toString())).isEqualTo(1);
        out.reset();
        assertThat(run("", "validate", "--kind", "trust", trust.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("ERROR");
        assertThat(run("", "validate", "--kind", "bogus", trust.toString())).isEqualTo(2);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("", "validate")).isEqualTo(2);
        assertThat(run("", "frobnicate")).isEqualTo(2);
        assertThat(run("", "validate", "/nonexistent/policy.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'").contains("cannot read");
    }
}
