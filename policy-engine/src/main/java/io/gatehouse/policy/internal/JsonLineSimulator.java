package io.gatehouse.policy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.MatchedStatement;
import io.gatehouse.policy.Policy;
import io.gatehouse.policy.PolicyEngine;
import io.gatehouse.policy.PolicyKind;
import io.gatehouse.policy.PolicySet;
import io.gatehouse.policy.PolicySimulator;
import io.gatehouse.policy.Principal;
import io.gatehouse.policy.Request;
import io.gatehouse.policy.RequestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Lines codec around the engine; see {@link PolicySimulator} for the format. */
public final class JsonLineSimulator implements PolicySimulator {
    private static final int CACHE_SIZE = 4096;

    private final PolicyEngine engine;
    private final Map<String, Policy> cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Policy> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    public JsonLineSimulator(PolicyEngine engine) {
        this.engine = engine;
    }

    /** Input that is not a valid case; reported as InvalidInput. */
    private static final class BadCase extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadCase(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String simulate(String caseJson) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        try {
            JsonNode root = Json.MAPPER.readTree(caseJson);
            if (root == null || !root.isObject()) {
                throw new BadCase("a case must be a JSON object with \"policies\" and \"request\"");
            }
            PolicySet policies = policies(object(root, "policies"));
            Request request = request(object(root, "request"));
            write(engine.evaluate(policies, request), out);
        } catch (JsonProcessingException e) {
            error(out, "InvalidInput", "case is not valid JSON: " + e.getOriginalMessage().split("\n")[0]);
        } catch (BadCase e) {
            error(out, "InvalidInput", e.getMessage());
        } catch (MalformedPolicyException e) {
            error(out, "MalformedPolicyDocument", e.getMessage());
        }
        return out.toString();
    }

    private PolicySet policies(JsonNode node) {
        PolicySet.Builder builder = PolicySet.builder();
        List<JsonNode> identity = list(node.get("identity"), "policies.identity");
        for (int i = 0; i < identity.size(); i++) {
            builder.identity(compile(identity.get(i), PolicyKind.IDENTITY, "identity[" + i + "]"));
        }
        if (present(node.get("resource"))) {
            builder.resource(compile(node.get("resource"), PolicyKind.RESOURCE, "resource"));
        }
        if (present(node.get("boundary"))) {
            builder.boundary(compile(node.get("boundary"), PolicyKind.BOUNDARY, "boundary"));
        }
        if (present(node.get("session"))) {
            List<JsonNode> session = list(node.get("session"), "policies.session");
            List<Policy> compiled = new ArrayList<>();
            for (int i = 0; i < session.size(); i++) {
                compiled.add(compile(session.get(i), PolicyKind.SESSION, "session[" + i + "]"));
            }
            builder.session(compiled);
        }
        if (present(node.get("scp"))) {
            List<JsonNode> levels = list(node.get("scp"), "policies.scp");
            for (int level = 0; level < levels.size(); level++) {
                JsonNode docs = levels.get(level);
                List<JsonNode> docList = docs.isArray() ? list(docs, "policies.scp[" + level + "]") : List.of(docs);
                List<Policy> compiled = new ArrayList<>();
                for (int i = 0; i < docList.size(); i++) {
                    compiled.add(compile(docList.get(i), PolicyKind.SCP, "scp[" + level + "][" + i + "]"));
                }
                builder.scpLevel(compiled);
            }
        }
        return builder.build();
    }

    private Policy compile(JsonNode doc, PolicyKind kind, String label) {
        String text;
        if (doc.isTextual()) {
            text = doc.asText();
        } else if (doc.isObject()) {
            text = doc.toString();
        } else {
            throw new BadCase(label + ": a policy must be a JSON object or a string holding one");
        }
        String key = kind.name() + '\u0000' + text;
        Policy cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            Policy policy = engine.compile(text, kind);
            cache.put(key, policy);
            return policy;
        } catch (MalformedPolicyException e) {
            throw new MalformedPolicyException(label + ": " + e.getMessage());
        }
    }

    private static Request request(JsonNode node) {
        String principalArn = text(node, "principalArn", true);
        Principal principal;
        try {
            principal = Principal.fromArn(principalArn);
        } catch (IllegalArgumentException e) {
            throw new BadCase("request.principalArn: " + e.getMessage());
        }
        String action = text(node, "action", true);
        String resource = text(node, "resource", true);
        String resourceAccount = text(node, "resourceAccount", false);
        if (resourceAccount != null && !resourceAccount.matches("\\d{12}")) {
            throw new BadCase("request.resourceAccount must be a 12-digit account id");
        }
        return new Request(principal, action, resource, resourceAccount, context(node.get("context")));
    }

    private static RequestContext context(JsonNode node) {
        if (!present(node)) {
            return RequestContext.empty();
        }
        if (!node.isObject()) {
            throw new BadCase("request.context must be an object of keys to values");
        }
        RequestContext.Builder builder = RequestContext.builder();
        for (var entry : StatementParser.fields(node).entrySet()) {
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                List<String> values = new ArrayList<>();
                value.forEach(v -> values.add(scalar(v, entry.getKey())));
                builder.put(entry.getKey(), values);
            } else {
                builder.put(entry.getKey(), scalar(value, entry.getKey()));
            }
        }
        return builder.build();
    }

    private static String scalar(JsonNode value, String key) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw new BadCase("request.context." + key + ": values must be strings, numbers or booleans");
    }

    private static void write(Decision decision, ObjectNode out) {
        out.put("decision", decision.outcome().wireName());
        ArrayNode matched = out.putArray("matched");
        for (MatchedStatement m : decision.matched()) {
            ObjectNode s = matched.addObject();
            s.put("policy", m.policy());
            s.put("statement", m.statementIndex());
            if (m.sid() != null) {
                s.put("sid", m.sid());
            }
            s.put("effect", m.effect().wireName());
        }
        out.put("reason", decision.reason());
    }

    private static void error(ObjectNode out, String code, String message) {
        out.removeAll();
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (!present(node) || !node.isObject()) {
            throw new BadCase("\"" + field + "\" must be a JSON object");
        }
        return node;
    }

    private static List<JsonNode> list(JsonNode node, String field) {
        List<JsonNode> out = new ArrayList<>();
        if (!present(node)) {
            return out;
        }
        if (!node.isArray()) {
            throw new BadCase(field + " must be an array");
        }
        node.forEach(out::add);
        return out;
    }

    private static String text(JsonNode parent, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (!present(node)) {
            if (required) {
                throw new BadCase("request." + field + " is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new BadCase("request." + field + " must be a string");
        }
        return node.asText();
    }
}
