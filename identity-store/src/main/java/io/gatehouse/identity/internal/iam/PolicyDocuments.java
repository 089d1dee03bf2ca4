package io.gatehouse.identity.internal.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the policy simulator reports about a document's text, which the compiled {@code Policy}
 * does not expose: where each statement sits (line and column, both 1-based; the end is the
 * statement's closing brace) and which condition keys its statements use. Works on documents that
 * already compiled; a document it cannot read yields no positions and no keys rather than failing.
 */
final class PolicyDocuments {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    /** A place in a document. */
    record Position(int line, int column) {}

    /** The text span of one statement. */
    record Span(Position start, Position end) {}

    private PolicyDocuments() {}

    /** The span of each statement, by index; empty when the document cannot be scanned. */
    static List<Span> statementSpans(String json) {
        try {
            return new Scanner(json).statements();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The condition keys (and policy-variable keys) used by the statements that apply to an
     * action: those whose Action matches it or whose NotAction does not. In first-seen order.
     */
    static Set<String> contextKeys(String json, String action) {
        Set<String> keys = new LinkedHashSet<>();
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (Exception e) {
            return keys;
        }
        JsonNode statements = root.path("Statement");
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else if (statements.isObject()) {
            list.add(statements);
        }
        for (JsonNode statement : list) {
            if (!appliesTo(statement, action)) {
                continue;
            }
            JsonNode condition = statement.path("Condition");
            condition.fields().forEachRemaining(op -> op.getValue().fieldNames().forEachRemaining(keys::add));
            Matcher variables = VARIABLE.matcher(statement.toString());
            while (variables.find()) {
                String key = variables.group(1).split(",", 2)[0].trim();
                if (key.contains(":")) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static boolean appliesTo(JsonNode statement, String action) {
        if (statement.has("Action")) {
            return anyMatches(statement.get("Action"), action);
        }
        if (statement.has("NotAction")) {
            return !anyMatches(statement.get("NotAction"), action);
        }
        return true;
    }

    private static boolean anyMatches(JsonNode patterns, String action) {
        List<String> values = new ArrayList<>();
        if (patterns.isArray()) {
            patterns.forEach(p -> values.add(p.asText()));
        } else {
            values.add(patterns.asText());
        }
        String lower = action.toLowerCase(Locale.ROOT);
        for (String value : values) {
            StringBuilder regex = new StringBuilder();
            for (char c : value.toLowerCase(Locale.ROOT).toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            if (lower.matches(regex.toString())) {
                return true;
            }
        }
        return false;
    }

    /** A minimal JSON walker that tracks line and column, enough to find the statement objects. */
    private static final class Scanner {
        private final String text;
        private int index;
        private int line = 1;
        private int column = 1;
        private final List<Span> spans = new ArrayList<>();

        Scanner(String text) {
            this.text = text;
        }

        List<Span> statements() {
            space();
            expect('{');
            while (true) {
                space();
                if (peek() == '}') {
                    break;
                }
                String key = string();
                space();
                expect(':');
                space();
                if (key.equals("Statement")) {
                    statementValue();
                } else {
                    skipValue();
                }
                space();
                if (peek() == ',') {
                    next();
                }
            }
            return spans;
        }

        private void statementValue() {
            if (peek() != '[') {
                recordObject();
                return;
            }
            next();
            while (true) {
                space();
                if (peek() == ']') {
                    next();
                    return;
                }
                recordObject();
                space();
                if (peek() == ',') {
                    next();
                }
            }
        }

        private void recordObject() {
            Position start = new Position(line, column);
            boolean object = peek() == '{';
            skipValue();
            if (object) {
                spans.add(new Span(start, new Position(line, column - 1)));
            }
        }

        private void skipValue() {
            char c = peek();
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    char d = peek();
                    if (d == '"') {
                        string();
                        continue;
                    }
                    if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        depth--;
                    }
                    next();
                } while (depth > 0);
            } else {
                while (",}] \t\r\n".indexOf(peek()) < 0) {
                    next();
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (peek() != '"') {
                char c = next();
                if (c == '\\') {
                    c = next();
                }
                out.append(c);
            }
            next();
            return out.toString();
        }

        private void space() {
            while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
                next();
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalStateException("expected " + c);
            }
        }

        private char peek() {
            if (index >= text.length()) {
                throw new IllegalStateException("end of document");
            }
            return text.charAt(index);
        }

        private char next() {
            char c = peek();
            index++;
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            return c;
        }
    }
}
