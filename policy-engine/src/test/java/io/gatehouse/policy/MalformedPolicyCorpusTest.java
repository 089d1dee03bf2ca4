package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays {@code src/test/resources/malformed/malformed.jsonl}: every document must be refused
 * with a {@link MalformedPolicyException} (nothing else may escape) whose message names the place
 * and field listed in the case.
 */
class MalformedPolicyCorpusTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PolicyEngine ENGINE = PolicyEngine.create();

    static List<JsonNode> load() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        try (InputStream in = MalformedPolicyCorpusTest.class.getResourceAsStream("/malformed/malformed.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    cases.add(MAPPER.readTree(line));
                }
            }
        }
        return cases;
    }

    @Test
    void corpusHasAtLeastFiftyDocuments() throws IOException {
        assertThat(load()).hasSizeGreaterThanOrEqualTo(50);
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentIsRefusedWithItsSpecificMessage() throws IOException {
        return load().stream().map(c -> DynamicTest.dynamicTest(c.path("name").asText(), () -> {
            String document = c.path("document").asText();
            PolicyKind kind = PolicyKind.valueOf(c.path("kind").asText("IDENTITY"));
            Throwable thrown = catchThrowable(() -> ENGINE.compile(document, kind));
            assertThat(thrown).as(c.path("name").asText()).isInstanceOf(MalformedPolicyException.class);
            for (JsonNode expected : c.path("expect")) {
                assertThat(thrown.getMessage()).as(c.path("name").asText()).contains(expected.asText());
            }
            ValidationReport report = ENGINE.validate(document, kind);
            assertThat(report.malformed()).isTrue();
            assertThat(report.findings().get(0).message()).isEqualTo(thrown.getMessage());
        }));
    }
}
