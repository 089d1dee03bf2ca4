package io.gatehouse.identity.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.Session;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The compact JSON form of a {@link Session} inside a token: one- to three-letter keys, absent
 * fields omitted, instants as epoch seconds (or {@code [seconds, nanos]} when not whole). Written by
 * hand on Jackson's tree model rather than by reflection, so the wire names stay short and a change
 * to {@link Session} cannot silently change the token format.
 *
 * <p>{@code sp} (session policies) distinguishes absent (none passed) from an empty list.
 */
final class SessionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SessionJson() {
    }

    static byte[] write(Session s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("k", s.accessKeyId());
        o.put("s", s.secretAccessKey());
        o.put("ty", s.type());
        o.put("a", s.accountId());
        o.put("p", s.principalArn());
        putIfPresent(o, "pi", s.principalId());
        putIfPresent(o, "src", s.sourceArn());
        putIfPresent(o, "n", s.sessionName());
        o.set("iat", instant(s.issuedAt()));
        o.set("exp", instant(s.expiresAt()));
        if (s.mfaAuthenticatedAt() != null) {
            o.set("mfa", instant(s.mfaAuthenticatedAt()));
        }
        putIfPresent(o, "si", s.sourceIdentity());
        if (s.sessionPolicies() != null) {
            o.set("sp", strings(s.sessionPolicies()));
        }
        if (!s.sessionPolicyArns().isEmpty()) {
            o.set("pa", strings(s.sessionPolicyArns()));
        }
        if (!s.tags().isEmpty()) {
            ObjectNode tags = o.putObject("tg");
            s.tags().forEach(tags::put);
        }
        if (!s.transitiveTagKeys().isEmpty()) {
            o.set("tt", strings(s.transitiveTagKeys()));
        }
        putIfPresent(o, "sid", s.sourceId());
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("session serialization failed", e);
        }
    }

    /** The session, or an exception (of no particular kind, and never quoting the input) when it is not one. */
    static Session read(byte[] json) throws IOException {
        JsonNode o = MAPPER.readTree(json);
        if (o == null || !o.isObject()) {
            throw new IOException("not an object");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode tg = o.get("tg");
        if (tg != null) {
            for (Map.Entry<String, JsonNode> e : tg.properties()) {
                tags.put(e.getKey(), e.getValue().textValue());
            }
        }
        JsonNode sp = o.get("sp");
        return new Session(text(o, "k"), text(o, "s"), text(o, "ty"), text(o, "a"), text(o, "p"), text(o, "pi"),
                text(o, "src"), text(o, "n"), instant(o.get("iat")), instant(o.get("exp")), instant(o.get("mfa")),
                text(o, "si"), sp == null ? null : strings(sp, new ArrayList<>()), strings(o.get("pa"), new ArrayList<>()),
                tags, strings(o.get("tt"), new LinkedHashSet<>()), text(o, "sid"));
    }

    private static void putIfPresent(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static <C extends Collection<String>> C strings(JsonNode array, C into) {
        if (array != null) {
            array.forEach(n -> into.add(n.textValue()));
        }
        return into;
    }

    private static JsonNode instant(Instant t) {
        if (t.getNano() == 0) {
            return MAPPER.getNodeFactory().numberNode(t.getEpochSecond());
        }
        return MAPPER.createArrayNode().add(t.getEpochSecond()).add(t.getNano());
    }

    private static Instant instant(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isArray() ? Instant.ofEpochSecond(n.get(0).longValue(), n.get(1).longValue())
                : Instant.ofEpochSecond(n.longValue());
    }

    private static String text(JsonNode o, String key) {
        JsonNode n = o.get(key);
        return n == null || n.isNull() ? null : n.textValue();
    }
}
