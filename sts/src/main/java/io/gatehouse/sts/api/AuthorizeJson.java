package io.gatehouse.sts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Caller;
import io.gatehouse.sts.internal.AuthorizeAnswer;
import io.gatehouse.sts.internal.AuthorizeQuestion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The authorization API's wire format (see docs/authorization-api.md): the question's JSON read
 * and checked, the answer and errors written. Refusals are {@link AwsException}s:
 * SerializationException for a body that is not a JSON object, ValidationException for a missing
 * or malformed member.
 */
final class AuthorizeJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]{1,64}:[A-Za-z0-9*?]{1,128}");
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}|UNSIGNED-PAYLOAD");
    private static final Set<String> KNOWN = Set.of("method", "path", "query", "headers", "payloadHash", "action",
            "resource", "context", "resourcePolicy", "sourceIp", "secureTransport", "signingName");
    /** The only aws: keys a resource server may state; every other one Gatehouse derives itself. */
    private static final List<String> AWS_KEYS_ALLOWED = List.of("aws:requesttag/", "aws:resourcetag/",
            "aws:tagkeys", "aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip", "aws:referer");

    private AuthorizeJson() {}

    static AuthorizeQuestion parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new AwsException("SerializationException", 400, "The request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new AwsException("SerializationException", 400, "The request body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                throw invalid("Unknown member '" + name + "'");
            }
        }
        String method = required(root, "method", METHOD);
        String path = required(root, "path", null);
        if (!path.startsWith("/")) {
            throw invalid("'path' must start with '/'");
        }
        String resource = required(root, "resource", null);
        if (!resource.equals("*") && !resource.startsWith("arn:") || resource.length() > 2048) {
            throw invalid("'resource' must be an ARN (arn:...) or *, at most 2048 characters");
        }
        return new AuthorizeQuestion(method, path, optional(root, "query"), stringLists(root, "headers", true),
                required(root, "payloadHash", HASH), required(root, "action", ACTION), resource, context(root),
                resourcePolicy(root), optional(root, "sourceIp"), root.path("secureTransport").asBoolean(false),
                optional(root, "signingName"));
    }

    private static String required(JsonNode root, String name, Pattern pattern) {
        JsonNode node = root.get(name);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw invalid("'" + name + "' is required and must be a non-empty string");
        }
        if (pattern != null && !pattern.matcher(node.asText()).matches()) {
            throw invalid("'" + name + "' is malformed");
        }
        return node.asText();
    }

    private static String optional(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid("'" + name + "' must be a string");
        }
        return node.asText();
    }

    /** The resource policy as a JSON string, or a JSON object (written back as text). */
    private static String resourcePolicy(JsonNode root) {
        JsonNode node = root.get("resourcePolicy");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isObject()) {
            return node.toString();
        }
        throw invalid("'resourcePolicy' must be a policy document (object or string)");
    }

    private static Map<String, List<String>> context(JsonNode root) {
        Map<String, List<String>> context = stringLists(root, "context", false);
        for (String key : context.keySet()) {
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.startsWith("aws:") && AWS_KEYS_ALLOWED.stream().noneMatch(lower::startsWith)) {
                throw invalid("Context key '" + key + "' is derived by Gatehouse and cannot be passed");
            }
            if (!key.contains(":")) {
                throw invalid("Context key '" + key + "' must be prefixed (service:Key)");
            }
        }
        return context;
    }

    /** An object of strings or arrays of strings; header names lower-cased. */
    private static Map<String, List<String>> stringLists(JsonNode root, String name, boolean required) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw invalid("'" + name + "' is required");
            }
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid("'" + name + "' must be an object of strings or arrays of strings");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            String key = required ? field.getKey().toLowerCase(Locale.ROOT) : field.getKey();
            List<String> values = out.computeIfAbsent(key, k -> new ArrayList<>());
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                values.add(value.asText());
            } else if (value.isArray()) {
                value.forEach(v -> {
                    if (!v.isTextual()) {
                        throw invalid("'" + name + "." + field.getKey() + "' must hold strings");
                    }
                    values.add(v.asText());
                });
            } else {
                throw invalid("'" + name + "." + field.getKey() + "' must be a string or an array of strings");
            }
        });
        return out;
    }

    private static AwsException invalid(String message) {
        return new AwsException("ValidationException", 400, message);
    }

    static String answer(AuthorizeAnswer answer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("decision", answer.allowed() ? "ALLOW" : "DENY");
        root.put("requestId", answer.requestId());
        if (answer.client() != null) {
            principal(root.putObject("principal"), answer.client());
        }
        if (!answer.allowed()) {
            root.put("reason", answer.outcome() == null ? "authentication" : answer.outcome().wireName());
            root.put("message", answer.reason());
            if (answer.encodedMessage() != null) {
                root.put("encodedMessage", answer.encodedMessage());
            }
            if (answer.errorCode() != null && answer.outcome() == null) {
                root.putObject("error").put("code", answer.errorCode()).put("message", answer.reason());
            }
        }
        return write(root);
    }

    private static void principal(ObjectNode out, Caller caller) {
        out.put("arn", caller.principal().arn());
        out.put("accountId", caller.accountId());
        out.put("userId", caller.principalId());
        out.put("type", caller.identityType());
        if (caller.userName() != null) {
            out.put("userName", caller.userName());
        }
        if (caller.session() != null) {
            out.put("sessionIssuer", caller.session().sourceArn());
            out.put("sourceIdentity", caller.session().sourceIdentity());
        }
        ObjectNode tags = out.putObject("tags");
        new TreeMap<>(caller.principalTags()).forEach(tags::put);
    }

    static String error(AwsException e, String requestId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("__type", e.code());
        root.put("message", e.getMessage());
        root.put("requestId", requestId);
        return write(root);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
