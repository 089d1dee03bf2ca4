package io.gatehouse.audit.internal.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.RandomEvents;
import io.gatehouse.audit.internal.CloudTrailJson;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The prepared (split canonical) hash is the same hash as the plain one, whatever the record. */
class ChainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREVIOUS = "ab".repeat(32);

    @Test
    void preparedHashEqualsThePlainHashForTypicalAndAwkwardRecords() {
        List<String> payloads = List.of(
                "{}",
                "{\"a\":1}",
                "{\"zzz\":true}",
                "{\"gatehouseIntegrity\":{\"sequenceNumber\":9,\"previousHash\":\"x\",\"hash\":\"y\"},\"a\":1}",
                "{\"gatehouseIntegrity0\":1,\"gatehouseIntegrity\":2,\"gatehouseIntegriti\":3,\"gatehouseIntegritz\":4}",
                "{\"eventVersion\":\"1.10\",\"userIdentity\":{\"type\":\"IAMUser\",\"gatehouseIntegrity\":\"nested\"},"
                        + "\"eventTime\":\"2026-11-23T10:00:00Z\",\"requestParameters\":{\"b\":[3,2,{\"z\":1,\"a\":null}],"
                        + "\"a\":\"\\u00e9\\u0000\\\"quoted\\\"\\n\"},\"readOnly\":false,\"é\":1.5e300,\"Z\":-0.0,"
                        + "\"big\":123456789012345678901234567890,\"recipientAccountId\":\"123456789012\"}");
        for (String payload : payloads) {
            for (long sequence : new long[] {1, 42, Long.MAX_VALUE}) {
                assertThat(Chain.hash(Chain.prepare(payload), sequence, PREVIOUS))
                        .as(payload + " at " + sequence).isEqualTo(Chain.hash(payload, sequence, PREVIOUS));
            }
        }
    }

    @Test
    void preparedHashEqualsThePlainHashForRandomRecords() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            String payload = object(random, 0).toString();
            assertThat(Chain.hash(Chain.prepare(payload), i + 1, PREVIOUS)).as(payload)
                    .isEqualTo(Chain.hash(payload, i + 1, PREVIOUS));
        }
    }

    @Test
    void aSealedRecordValidates() {
        String payload = "{\"eventName\":\"CreateUser\",\"recipientAccountId\":\"123456789012\",\"readOnly\":false}";
        String hash = Chain.hash(Chain.prepare(payload), 3, PREVIOUS);
        ObjectNode sealed = Chain.parse(Chain.seal(payload, 3, PREVIOUS, hash));
        assertThat(Chain.recompute(sealed)).isEqualTo(hash);
        assertThat(Chain.hash(Chain.prepare(payload), 4, PREVIOUS)).isNotEqualTo(hash);
        assertThat(Chain.hash(Chain.prepare(payload), 3, "cd".repeat(32))).isNotEqualTo(hash);
    }

    /**
     * The relay's shortcut for canonical rows gives what the full preparation gives, for every record
     * the audit log writes (their top-level members are fixed; nested ones vary in every way).
     */
    @Test
    void preparingCanonicalRecordsByScanningEqualsPreparingThemFully() {
        for (AuditEvent event : RandomEvents.events(7_000L, 2_000)) {
            assertSamePreparation(CloudTrailJson.write(event));
        }
    }

    /** The same for random canonical objects, whose top-level members fall anywhere around the chain fields. */
    @Test
    void preparingRandomCanonicalObjectsByScanningEqualsPreparingThemFully() {
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            assertSamePreparation(new String(Chain.canonical(object(random, 0)), UTF_8));
        }
    }

    @Test
    void preparingByScanningHandlesTheAwkwardCases() {
        List<String> payloads = List.of(
                "{}",
                "{\"a\":1}", // only members before
                "{\"a\":1,\"b\":{\"z\":[2,{\"zz\":null}]},\"gatehouseIntegrit\":true}",
                "{\"z\":1}", // only members after
                "{\"gatehouseIntegrity0\":false,\"gatehouseIntegrityX\":[],\"gatehouseIntegritz\":{}}",
                "{\"a\":1,\"z\":2}",
                "{\"a\":{\"gatehouseIntegrity\":1,\"z\":{}},\"z\":[{\"gatehouseIntegrity\":2}]}",
                // strings holding braces, brackets, quotes, backslashes, commas and the field's name
                "{\"a\":\"}\\\"gatehouseIntegrity\\\":{\",\"b\":\"\\\\\",\"c\":\"{[,\",\"gatehouseIntegrit\":\"]\","
                        + "\"h\":\"\\\\\\\"\",\"z\":\"\\\"}\"}",
                // names with escapes, sorting before and after the field once unescaped
                "{\"\\u0001\":1,\"\\\"z\":2,\"g\\\\\":3,\"gatehouseIntegrity\\n\":4,\"\u00e9\":5,"
                        + "\"\\uD83D\\uDE00\":6}",
                "{\"gatehouseIntegrit\\\\\":1,\"z\\\"\":2}",
                // the chain fields already there: left to the full preparation, which replaces them
                "{\"a\":1,\"gatehouseIntegrity\":{\"hash\":\"x\",\"sequenceNumber\":9},\"z\":2}",
                "{\"gatehouseIntegrity\":{}}",
                "{\"a\":1,\"gatehouseIntegrit\\u0079\":2,\"z\":3}", // the field's name, escaped
                // not canonical after all: whitespace before the split, so the scan hands over
                "{ \"z\": 1, \"a\": 2 }",
                "{\"a\":1,\n\"z\":2}",
                "{\"a\":[1, 2],\"z\":2}",
                "{\"a\":-500.0,\"b\":true,\"c\":null,\"d\":false,\"z\":12345678901234567890}");
        for (String payload : payloads) {
            assertSamePreparation(payload);
        }
    }

    @Test
    void theChainFieldsAreWrittenAsJacksonWritesThem() {
        for (long sequence : new long[] {0, 1, 42, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            for (String previous : List.of(Chain.GENESIS, PREVIOUS, Chain.sha256Hex("x"), "ABCDEF0123", "",
                    "not \"hex\" \\", "\u00e9\n")) {
                byte[] jackson = Chain.canonical(JSON.createObjectNode().put("previousHash", previous)
                        .put("sequenceNumber", sequence));
                assertThat(Chain.chainFields(sequence, previous)).as(previous + " " + sequence).isEqualTo(jackson);
            }
        }
    }

    private static void assertSamePreparation(String payload) {
        Chain.Prepared full = Chain.prepare(payload);
        Chain.Prepared scanned = Chain.prepareCanonical(payload);
        assertThat(scanned.before()).as("before, in %s", payload).isEqualTo(full.before());
        assertThat(scanned.after()).as("after, in %s", payload).isEqualTo(full.after());
        assertThat(Chain.hash(scanned, 5, PREVIOUS)).isEqualTo(Chain.hash(payload, 5, PREVIOUS));
    }

    private static final String[] KEYS = {"a", "B", "eventName", "gatehouseIntegrity", "gatehouseIntegrityX", "g",
        "userIdentity", "z", "é", "\u00ff", "€", "", "k\"ey", "0"};

    private static ObjectNode object(Random random, int depth) {
        ObjectNode node = JSON.createObjectNode();
        int fields = random.nextInt(depth == 0 ? 12 : 5);
        for (int f = 0; f < fields; f++) {
            String key = KEYS[random.nextInt(KEYS.length)] + (random.nextInt(4) == 0 ? random.nextInt(100) : "");
            switch (random.nextInt(depth < 3 ? 7 : 5)) {
                case 0 -> node.put(key, random.nextLong());
                case 1 -> node.put(key, random.nextDouble() * 1e6);
                case 2 -> node.put(key, "v" + (char) random.nextInt(0x3000) + "\n\t\\\"");
                case 3 -> node.put(key, random.nextBoolean());
                case 4 -> node.putNull(key);
                case 5 -> node.set(key, object(random, depth + 1));
                default -> {
                    ArrayNode array = node.putArray(key);
                    for (int e = random.nextInt(4); e > 0; e--) {
                        array.add(object(random, depth + 1));
                    }
                }
            }
        }
        return node;
    }
}
