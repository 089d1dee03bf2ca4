package io.gatehouse.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.PolicyKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a policy document into its compiled form, refusing anything AWS would refuse with a
 * message that names the place and the field. Top-level problems are reported against
 * "Policy document"; statement problems against {@code Statement[i] (Sid "...")}.
 */
final class PolicyParser {
    static final String VERSION_2012 = "2012-10-17";
    static final String VERSION_2008 = "2008-10-17";
    private static final String TOP = "Policy document";
    private static final Set<String> TOP_FIELDS = Set.of("Version", "Id", "Statement");

    private PolicyParser() {}

    static CompiledPolicy parse(String json, PolicyKind kind, int maxSize) {
        if (json == null) {
            throw new MalformedPolicyException("JSON: the document is empty");
        }
        int size = sizeWithoutWhitespace(json);
        if (size > maxSize) {
            throw new MalformedPolicyException(TOP + ": size " + size + " characters (excluding white space) "
                    + "exceeds the limit of " + maxSize + " for this kind of policy");
        }
        JsonNode root = Json.read(json);
        if (!root.isObject()) {
            throw new MalformedPolicyException(TOP + ": must be a JSON object with Version and Statement");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!TOP_FIELDS.contains(name)) {
                throw new MalformedPolicyException(TOP + ": unknown field \"" + name
                        + "\"; expected Version, Id and Statement");
            }
        }
        String version = version(root.get("Version"));
        String id = id(root.get("Id"));
        List<JsonNode> statementNodes = statements(root.get("Statement"));
        boolean variables = version.equals(VERSION_2012);
        List<CompiledStatement> statements = new ArrayList<>(statementNodes.size());
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < statementNodes.size(); i++) {
            CompiledStatement statement = StatementParser.parse(statementNodes.get(i), i, kind, variables);
            if (statement.sid != null && !statement.sid.isEmpty() && !sids.add(statement.sid)) {
                throw new MalformedPolicyException(StatementParser.location(i, statement.sid)
                        + ": duplicate Sid \"" + statement.sid + "\"; Sids must be unique within a policy");
            }
            statements.add(statement);
        }
        return new CompiledPolicy(json, kind, version, id, statements.toArray(new CompiledStatement[0]));
    }

    static int sizeWithoutWhitespace(String json) {
        int size = 0;
        for (int i = 0; i < json.length(); i++) {
            if (!Character.isWhitespace(json.charAt(i))) {
                size++;
            }
        }
        return size;
    }

    private static String version(JsonNode node) {
        if (node == null) {
            return VERSION_2008;
        }
        if (!node.isTextual() || !(node.asText().equals(VERSION_2012) || node.asText().equals(VERSION_2008))) {
            throw new MalformedPolicyException(TOP + ": Version must be \"" + VERSION_2012 + "\" or \""
                    + VERSION_2008 + "\", got " + node);
        }
        return node.asText();
    }

    private static String id(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new MalformedPolicyException(TOP + ": Id must be a string, got " + node.getNodeType());
        }
        return node.asText();
    }

    private static List<JsonNode> statements(JsonNode node) {
        if (node == null) {
            throw new MalformedPolicyException(TOP + ": missing required field Statement");
        }
        List<JsonNode> out = new ArrayList<>();
        if (node.isObject()) {
            out.add(node);
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                throw new MalformedPolicyException(TOP + ": Statement must not be an empty array");
            }
            int i = 0;
            for (JsonNode element : node) {
                if (!element.isObject()) {
                    throw new MalformedPolicyException("Statement[" + i + "]: Statement elements must be objects, got "
                            + element.getNodeType());
                }
                out.add(element);
                i++;
            }
        } else {
            throw new MalformedPolicyException(TOP + ": Statement must be an object or an array of objects, got "
                    + node.getNodeType());
        }
        return out;
    }
}
