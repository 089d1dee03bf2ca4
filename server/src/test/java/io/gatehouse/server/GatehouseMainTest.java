package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.config.Option;
import io.gatehouse.server.config.Options;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Commands other than a real start answer without booting Quarkus. */
class GatehouseMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void noArgumentsAndHelpListTheCommands() {
        for (String[] args : new String[][] {{}, {"help"}, {"--help"}}) {
            out.reset();
            assertThat(run(args)).isZero();
            assertThat(text(out)).contains("Usage: gatehouse <command>", "start", "policy");
        }
    }

    @Test
    void startHelpListsEveryOptionWithDefaultAndEnvironmentVariable() {
        assertThat(run("start", "--help")).isZero();
        for (Option option : Options.ALL) {
            assertThat(text(out)).contains(option.flag(), option.envVar());
        }
        assertThat(text(out)).contains("default: 8080", "default: us-east-1");
    }

    @Test
    void unknownOptionOrCommandExitsWithTwo() {
        assertThat(run("start", "--colour", "blue")).isEqualTo(2);
        assertThat(text(err)).contains("unknown option --colour");
        err.reset();
        assertThat(run("stop")).isEqualTo(2);
        assertThat(text(err)).contains("unknown command 'stop'");
    }

    private int run(String... args) {
        return GatehouseMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
