package io.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the golden corpus ({@code src/test/resources/corpus/*.jsonl}): each line is a case in
 * the simulator's input format with the decision AWS's documentation prescribes and, optionally,
 * statements that must be among the reported reasons. See the corpus README for the format.
 */
class GoldenCorpusTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PolicySimulator SIMULATOR = PolicySimulator.create();

    record CorpusCase(String file, String name, String rule, JsonNode caseNode, JsonNode expect) {}

    static List<CorpusCase> load() {
        try {
            Path dir = Paths.get(GoldenCorpusTest.class.getResource("/corpus").toURI());
            List<CorpusCase> cases = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                    for (String line : Files.readAllLines(file)) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode node = MAPPER.readTree(line);
                        cases.add(new CorpusCase(file.getFileName().toString(), node.path("name").asText(),
                                node.path("rule").asText(), node.get("case"), node.get("expect")));
                    }
                }
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void corpusIsLargeAndNamesAreUnique() {
        List<CorpusCase> cases = load();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        Set<String> names = new HashSet<>();
        for (CorpusCase c : cases) {
            assertThat(names.add(c.name())).as("duplicate case name %s", c.name()).isTrue();
            assertThat(c.rule()).as("case %s names its rule", c.name()).isNotBlank();
        }
        assertThat(cases.stream().map(c -> c.expect().path("decision").asText()).distinct())
                .containsExactlyInAnyOrder("allowed", "explicitDeny", "implicitDeny");
    }

    @TestFactory
    Stream<DynamicTest> everyCaseDecidesAsAwsDocuments() {
        return load().stream().map(c -> DynamicTest.dynamicTest(c.file() + " " + c.name(), () -> replay(c)));
    }

    private static void replay(CorpusCase c) throws IOException {
        JsonNode actual = MAPPER.readTree(SIMULATOR.simulate(c.caseNode().toString()));
        String context = c.name() + " — " + c.rule() + "\nactual: " + actual;
        assertThat(actual.has("error")).as(context).isFalse();
        assertThat(actual.path("decision").asText()).as(context).isEqualTo(c.expect().path("decision").asText());
        for (JsonNode expected : c.expect().path("matched")) {
            boolean found = false;
            for (JsonNode got : actual.path("matched")) {
                found |= sameFields(expected, got);
            }
            assertThat(found).as("expected matched statement %s; %s", expected, context).isTrue();
        }
    }

    private static boolean sameFields(JsonNode expected, JsonNode actual) {
        var names = expected.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!expected.get(name).equals(actual.get(name))) {
                return false;
            }
        }
        return true;
    }
}
