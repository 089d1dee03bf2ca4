package io.gatehouse.audit.internal.chain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The per-account hash chain (docs/audit.md, "Integrity"). A sealed record carries
 * {@code gatehouseIntegrity: {sequenceNumber, previousHash, hash}}; {@code hash} is the SHA-256,
 * in lowercase hex, of the record's canonical JSON with {@code hash} left out. Canonical JSON: no
 * whitespace, object keys sorted by their UTF-16 code units, at every depth, values as Jackson
 * writes them. The first record of an account has {@code previousHash} {@link #GENESIS}.
 */
public final class Chain {

    /** The JSON field that holds the chain fields. */
    public static final String FIELD = "gatehouseIntegrity";
    /** {@code previousHash} of an account's first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Chain() {
    }

    /** Parses one JSON object, or throws {@link IllegalArgumentException}. */
    public static ObjectNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    /**
     * The hash of the stored {@code payload} sealed at {@code sequence} after {@code previousHash}.
     */
    public static String hash(String payload, long sequence, String previousHash) {
        ObjectNode record = parse(payload);
        ObjectNode integrity = record.putObject(FIELD);
        integrity.put("sequenceNumber", sequence);
        integrity.put("previousHash", previousHash);
        return sha256Hex(canonical(record));
    }

    /**
     * The hash a received record should carry: its canonical JSON without
     * {@code gatehouseIntegrity.hash}. The record is not changed.
     */
    public static String recompute(ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        JsonNode integrity = copy.get(FIELD);
        if (integrity instanceof ObjectNode fields) {
            fields.remove("hash");
        }
        return sha256Hex(canonical(copy));
    }

    /** The published form: the stored payload with the chain fields added as its last member. */
    public static String seal(String payload, long sequence, String previousHash, String hash) {
        int end = payload.lastIndexOf('}');
        if (end < 0) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        return payload.substring(0, end) + ",\"" + FIELD + "\":{\"sequenceNumber\":" + sequence
                + ",\"previousHash\":\"" + previousHash + "\",\"hash\":\"" + hash + "\"}}";
    }

    /** Canonical JSON of {@code node} (see the class comment), UTF-8. */
    public static byte[] canonical(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            write(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonNode node, JsonGenerator generator) throws IOException {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            fields.sort(Map.Entry.comparingByKey());
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> field : fields) {
                generator.writeFieldName(field.getKey());
                write(field.getValue(), generator);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode item : node) {
                write(item, generator);
            }
            generator.writeEndArray();
        } else {
            JSON.writeTree(generator, node);
        }
    }

    /** SHA-256 of {@code bytes}, lowercase hex. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** SHA-256 of the UTF-8 text, lowercase hex. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
