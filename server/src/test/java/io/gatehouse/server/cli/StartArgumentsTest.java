package io.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartArgumentsTest {

    @Test
    void readsSpaceAndEqualsForms() throws UsageException {
        StartArguments arguments = StartArguments.parse(
                List.of("--http-port", "9000", "--data-dir=/tmp/x", "--db-url=jdbc:h2:mem:a;MODE=MariaDB"));
        assertThat(arguments.values())
                .containsEntry("http-port", "9000")
                .containsEntry("data-dir", "/tmp/x")
                .containsEntry("db-url", "jdbc:h2:mem:a;MODE=MariaDB")
                .hasSize(3);
        assertThat(arguments.help()).isFalse();
    }

    @Test
    void aLaterValueWins() throws UsageException {
        assertThat(StartArguments.parse(List.of("--region", "eu-west-1", "--region=eu-north-1")).values())
                .containsEntry("region", "eu-north-1");
    }

    @Test
    void helpIsAFlag() throws UsageException {
        assertThat(StartArguments.parse(List.of("--help")).help()).isTrue();
        assertThat(StartArguments.parse(List.of("--http-port", "1", "-h")).help()).isTrue();
    }

    @Test
    void refusesUnknownOptionsStrayWordsAndMissingValues() {
        assertThatThrownBy(() -> StartArguments.parse(List.of("--no-such", "1")))
                .isInstanceOf(UsageException.class).hasMessage("unknown option --no-such");
        assertThatThrownBy(() -> StartArguments.parse(List.of("now")))
                .isInstanceOf(UsageException.class).hasMessageContaining("'now'");
        assertThatThrownBy(() -> StartArguments.parse(List.of("--http-port")))
                .isInstanceOf(UsageException.class).hasMessage("option --http-port needs a value");
        assertThatThrownBy(() -> StartArguments.parse(List.of("--http-port", "--region", "x")))
                .isInstanceOf(UsageException.class).hasMessage("option --http-port needs a value");
    }
}
