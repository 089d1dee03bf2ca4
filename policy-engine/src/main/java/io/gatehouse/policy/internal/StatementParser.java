package io.gatehouse.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.policy.Effect;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks one statement of a document. */
final class StatementParser {
    private static final Set<String> FIELDS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Principal", "NotPrincipal", "Condition");
    private static final Pattern STRICT_SID = Pattern.compile("[A-Za-z0-9]*");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9*?-]+:[A-Za-z0-9*?_-]+");

    private StatementParser() {}

    /** {@code Statement[i]}, with {@code (Sid "x")} when the statement has one. */
    static String location(int index, String sid) {
        return sid == null || sid.isEmpty() ? "Statement[" + index + "]" : "Statement[" + index + "] (Sid \"" + sid + "\")";
    }

    static CompiledStatement parse(JsonNode node, int index, PolicyKind kind, boolean variables) {
        String sid = sid(node.get("Sid"), index, kind);
        String where = location(index, sid);
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new MalformedPolicyException(where + ": unknown field \"" + name + "\"");
            }
        }
        Effect effect = effect(node.get("Effect"), where);
        String actionField = exactlyOne(node, "Action", "NotAction", true, where);
        Glob[] actions = actions(node.get(actionField), actionField, where);
        String resourceField = resourceField(node, kind, where);
        Template[] resources = resourceField == null ? null
                : resources(node.get(resourceField), resourceField, variables, where);
        String principalField = principalField(node, kind, where);
        PrincipalMatcher principal = principalField == null ? null
                : PrincipalParser.parse(node.get(principalField), principalField, where);
        Condition[] conditions = ConditionParser.parse(node.get("Condition"), variables, where);
        return new CompiledStatement(index, sid, effect, actions, actionField.equals("NotAction"), resources,
                "NotResource".equals(resourceField), principal, conditions);
    }

    private static String sid(JsonNode node, int index, PolicyKind kind) {
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedPolicyException(location(index, null) + ": Sid must be a string, got " + node.getNodeType());
        }
        String sid = node.asText();
        if (kind.strictSid() && !STRICT_SID.matcher(sid).matches()) {
            throw new MalformedPolicyException(location(index, sid) + ": Sid \"" + sid
                    + "\" may contain only ASCII letters and digits");
        }
        return sid;
    }

    private static Effect effect(JsonNode node, String where) {
        if (node == null) {
            throw new MalformedPolicyException(where + ": missing required field Effect");
        }
        if (node.isTextual()) {
            for (Effect e : Effect.values()) {
                if (e.wireName().equals(node.asText())) {
                    return e;
                }
            }
        }
        throw new MalformedPolicyException(where + ": Effect must be \"Allow\" or \"Deny\", got " + node);
    }

    /** The one of two exclusive fields present; null if neither and not required. */
    private static String exactlyOne(JsonNode node, String a, String b, boolean required, String where) {
        boolean hasA = node.has(a);
        boolean hasB = node.has(b);
        if (hasA && hasB) {
            throw new MalformedPolicyException(where + ": " + a + " and " + b + " cannot both be present");
        }
        if (!hasA && !hasB) {
            if (required) {
                throw new MalformedPolicyException(where + ": missing required field " + a + " (or " + b + ")");
            }
            return null;
        }
        return hasA ? a : b;
    }

    private static String resourceField(JsonNode node, PolicyKind kind, String where) {
        if (kind == PolicyKind.TRUST) {
            for (String field : List.of("Resource", "NotResource")) {
                if (node.has(field)) {
                    throw new MalformedPolicyException(where + ": " + field + " is not allowed in a trust policy");
                }
            }
            return null;
        }
        return exactlyOne(node, "Resource", "NotResource", kind.resourceRequired(), where);
    }

    private static String principalField(JsonNode node, PolicyKind kind, String where) {
        if (!kind.principalRequired()) {
            for (String field : List.of("Principal", "NotPrincipal")) {
                if (node.has(field)) {
                    throw new MalformedPolicyException(where + ": " + field + " is not allowed in "
                            + describe(kind));
                }
            }
            return null;
        }
        return exactlyOne(node, "Principal", "NotPrincipal", true, where);
    }

    private static String describe(PolicyKind kind) {
        switch (kind) {
            case IDENTITY:
                return "an identity-based policy";
            case BOUNDARY:
                return "a permissions boundary";
            case SESSION:
                return "a session policy";
            default:
                return "a service control policy";
        }
    }

    private static Glob[] actions(JsonNode node, String field, String where) {
        List<String> values = strings(node, field, where);
        Glob[] out = new Glob[values.size()];
        for (int i = 0; i < out.length; i++) {
            String action = values.get(i);
            if (!action.equals("*") && !ACTION.matcher(action).matches()) {
                throw new MalformedPolicyException(where + ": " + field + " \"" + action
                        + "\" must be \"*\" or \"service:ActionName\" (letters, digits, * and ?)");
            }
            out[i] = Glob.of(action.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static Template[] resources(JsonNode node, String field, boolean variables, String where) {
        List<String> values = strings(node, field, where);
        Template[] out = new Template[values.size()];
        for (int i = 0; i < out.length; i++) {
            String resource = values.get(i);
            if (!resource.equals("*") && !(resource.startsWith("arn:") && resource.split(":", 6).length == 6)) {
                throw new MalformedPolicyException(where + ": " + field + " \"" + resource
                        + "\" must be \"*\" or an ARN (arn:partition:service:region:account:resource)");
            }
            out[i] = Template.parse(resource, variables, where + ": " + field);
        }
        return out;
    }

    /** A string or a non-empty array of strings, refused otherwise. */
    static List<String> strings(JsonNode node, String field, String where) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw new MalformedPolicyException(where + ": " + field + " must hold only strings, got "
                            + element.getNodeType());
                }
                out.add(element.asText());
            }
        } else {
            throw new MalformedPolicyException(where + ": " + field + " must be a string or a non-empty array of strings");
        }
        for (String value : out) {
            if (value.isEmpty()) {
                throw new MalformedPolicyException(where + ": " + field + " must not hold an empty string");
            }
        }
        return out;
    }

    /** Keeps an object's fields in document order. */
    static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
