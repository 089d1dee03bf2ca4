package io.gatehouse.audit.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
