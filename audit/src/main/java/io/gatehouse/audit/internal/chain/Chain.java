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
     * A stored payload's canonical JSON, split where {@code gatehouseIntegrity}'s value goes, so that
     * hashing it at a sequence number after a previous hash needs no parsing:
     * {@code hash(prepare(p), n, h)} equals {@code hash(p, n, h)}. Preparing is the costly part and
     * needs neither, so the relay prepares a batch in parallel and chains it in order after.
     */
    public record Prepared(byte[] before, byte[] after) {
    }

    /** {@code payload} prepared for {@link #hash(Prepared, long, String)}. */
    public static Prepared prepare(String payload) {
        ObjectNode record = parse(payload);
        record.remove(FIELD);
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        fields.sort(Map.Entry.comparingByKey());
        // The record's canonical JSON without the chain fields, with the offset where the first
        // member after them (in key order) starts, or the closing brace when none does.
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length() + 64);
        int split = -1;
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> field : fields) {
                if (split < 0 && field.getKey().compareTo(FIELD) > 0) {
                    generator.flush();
                    split = out.size();
                }
                generator.writeFieldName(field.getKey());
                write(field.getValue(), generator);
            }
            generator.flush();
            if (split < 0) {
                split = out.size();
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        // The generator wrote the comma before the member at the split, as a canonical payload has
        // it: cut there the same way (the split falls between tokens, so on a character boundary).
        return split(new String(bytes, StandardCharsets.UTF_8), new String(bytes, 0, split, StandardCharsets.UTF_8)
                .length());
    }

    /**
     * {@link #prepare} for a payload that is already canonical JSON ({@code CloudTrailJson.write}
     * writes it so, and {@code aud_outbox.payload_canonical} says so): the same result, from one scan
     * of its characters, without parsing. A canonical payload is its own canonical form, so only the
     * place of the chain fields needs finding: before the first top-level member whose name sorts
     * after {@value #FIELD}, or before the closing brace.
     *
     * <p>The scan does not check the order of members: a payload that is not canonical JSON gets a
     * hash no validator reproduces, which is why only the writer that makes canonical payloads marks
     * them. What the scan does meet on its way to the split (whitespace between tokens, something
     * other than one object, a malformed name, a top-level {@value #FIELD} member) it leaves to
     * {@link #prepare}.
     */
    public static Prepared prepareCanonical(String payload) {
        int length = payload.length();
        if (length < 2 || payload.charAt(0) != '{' || payload.charAt(length - 1) != '}') {
            return prepare(payload);
        }
        int depth = 0;
        boolean nameNext = false; // at depth 1: the next string is a member's name
        int member = 1; // where the current top-level member starts: its comma, or its name when first
        for (int i = 0; i < length; i++) {
            switch (payload.charAt(i)) {
                case '"' -> {
                    int end = closingQuote(payload, i);
                    if (end < 0) {
                        return prepare(payload);
                    }
                    if (depth == 1 && nameNext) {
                        String name = unescape(payload, i + 1, end);
                        if (name == null || name.equals(FIELD)) {
                            return prepare(payload);
                        }
                        if (name.compareTo(FIELD) > 0) {
                            return split(payload, member);
                        }
                        nameNext = false;
                    }
                    i = end;
                }
                case '{', '[' -> {
                    depth++;
                    nameNext = depth == 1;
                }
                case '}', ']' -> {
                    if (--depth == 0) {
                        return i == length - 1 ? split(payload, i) : prepare(payload);
                    }
                }
                case ',' -> {
                    if (depth == 1) {
                        nameNext = true;
                        member = i;
                    }
                }
                case ' ', '\t', '\n', '\r' -> {
                    return prepare(payload);
                }
                default -> {
                    // a name's colon, or a number, true, false or null
                }
            }
        }
        return prepare(payload);
    }

    /**
     * The canonical payload cut at {@code at}: the comma before the first member after the chain
     * fields, that member's name when it is the first, or the closing brace. Both {@link #prepare}
     * and {@link #prepareCanonical} end here: with members before, the comma at the cut separates
     * the chain fields from the next member; without, the chain fields need their own.
     */
    private static Prepared split(String payload, int at) {
        boolean membersBefore = at > 1;
        boolean membersAfter = payload.charAt(at) != '}';
        String name = (membersBefore ? ",\"" : "\"") + FIELD + "\":";
        byte[] before = (payload.substring(0, at) + name).getBytes(StandardCharsets.UTF_8);
        String rest = payload.substring(at);
        byte[] after = (membersAfter && !membersBefore ? "," + rest : rest).getBytes(StandardCharsets.UTF_8);
        return new Prepared(before, after);
    }

    /** The index of the quote that ends the string whose opening quote is at {@code open}; -1 if none. */
    private static int closingQuote(String payload, int open) {
        for (int i = open + 1; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** The text of the JSON string content {@code payload[from, to)}, escapes undone; null if malformed. */
    private static String unescape(String payload, int from, int to) {
        int escape = from;
        while (escape < to && payload.charAt(escape) != '\\') {
            escape++;
        }
        if (escape == to) {
            return payload.substring(from, to);
        }
        StringBuilder text = new StringBuilder(to - from).append(payload, from, escape);
        for (int i = escape; i < to; i++) {
            char c = payload.charAt(i);
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (++i == to) {
                return null;
            }
            switch (payload.charAt(i)) {
                case '"', '\\', '/' -> text.append(payload.charAt(i));
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (i + 4 >= to) {
                        return null;
                    }
                    int code = 0;
                    for (int k = i + 1; k <= i + 4; k++) {
                        if (!HexFormat.isHexDigit(payload.charAt(k))) {
                            return null;
                        }
                        code = code * 16 + HexFormat.fromHexDigit(payload.charAt(k));
                    }
                    text.append((char) code);
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return text.toString();
    }

    /** The hash of a prepared payload sealed at {@code sequence} after {@code previousHash}. */
    public static String hash(Prepared prepared, long sequence, String previousHash) {
        MessageDigest sha256 = sha256();
        sha256.update(prepared.before());
        sha256.update(chainFields(sequence, previousHash));
        sha256.update(prepared.after());
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The chain fields' canonical form: keys sorted, previousHash before sequenceNumber. A stored
     * previousHash is lowercase hex (or {@link #GENESIS}), which JSON writes as is: the bytes are
     * built directly, as Jackson would write them, rather than through an ObjectNode per record.
     * Anything else goes through Jackson.
     */
    static byte[] chainFields(long sequence, String previousHash) {
        if (isHex(previousHash)) {
            return ("{\"previousHash\":\"" + previousHash + "\",\"sequenceNumber\":" + sequence + "}")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        return canonical(JSON.createObjectNode().put("previousHash", previousHash).put("sequenceNumber", sequence));
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!HexFormat.isHexDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
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
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** SHA-256 of the UTF-8 text, lowercase hex. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
