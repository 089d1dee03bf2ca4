package io.gatehouse.identity.api.scim;

import io.gatehouse.identity.internal.workforce.Hashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SCIM filter (RFC 7644 section 3.4.2.2) compiled to a JPQL condition on the entity aliased
 * {@code r}: {@code eq ne co sw ew pr gt ge lt le}, {@code and or not} and parentheses, on the
 * attributes a resource type maps. Equality on userName, displayName (groups), emails.value and
 * externalId goes to indexed columns, so {@code userName eq "..."} stays one index lookup at any
 * size. Anything else is refused as {@code invalidFilter}.
 */
final class ScimFilter {
    /** How one SCIM attribute is queried. */
    enum Kind {
        /** A column compared regardless of case (stored lower-cased in {@code column}). */
        LOWER,
        /** A text column compared regardless of case with lower(). */
        TEXT,
        /** A column compared exactly. */
        EXACT,
        /** A boolean column. */
        BOOLEAN,
        /** eq only, through the SHA-256 of the lower-cased value in {@code column}. */
        HASH,
        /** An id in a subquery: {@code column} holds JPQL with {@code :v} for the value. */
        SUBQUERY
    }

    /** A filterable attribute. */
    record Attribute(Kind kind, String column) {}

    /** The compiled condition and its parameters, in order ({@code ?1, ?2, ...} from {@code first}). */
    record Compiled(String where, List<Object> parameters) {}

    private final String text;
    private final Map<String, Attribute> attributes;
    private final List<Object> parameters = new ArrayList<>();
    private final int first;
    private int pos;

    private ScimFilter(String text, Map<String, Attribute> attributes, int first) {
        this.text = text;
        this.attributes = attributes;
        this.first = first;
    }

    /** Compiles {@code filter}; parameters are numbered from {@code first}. */
    static Compiled compile(String filter, Map<String, Attribute> attributes, int first) {
        ScimFilter parser = new ScimFilter(filter, attributes, first);
        String where = parser.or();
        parser.skipSpace();
        if (parser.pos != filter.length()) {
            throw invalid("Unexpected text at position " + parser.pos + " of the filter");
        }
        return new Compiled(where, parser.parameters);
    }

    private String or() {
        String left = and();
        while (keyword("or")) {
            left = "(" + left + " or " + and() + ")";
        }
        return left;
    }

    private String and() {
        String left = unary();
        while (keyword("and")) {
            left = "(" + left + " and " + unary() + ")";
        }
        return left;
    }

    private String unary() {
        skipSpace();
        if (keyword("not")) {
            skipSpace();
            expect('(');
            String inner = or();
            expect(')');
            return "not (" + inner + ")";
        }
        if (peek() == '(') {
            pos++;
            String inner = or();
            expect(')');
            return "(" + inner + ")";
        }
        return comparison();
    }

    private String comparison() {
        String path = word();
        String op = word().toLowerCase(Locale.ROOT);
        Attribute attribute = attributes.get(normalize(path));
        if (attribute == null) {
            throw invalid("Filtering on " + path + " is not supported");
        }
        if (op.equals("pr")) {
            return attribute.kind() == Kind.SUBQUERY ? "r.id in (" + attribute.column().replace("= :v", "is not null")
                    + ")" : "r." + attribute.column() + " is not null";
        }
        Object value = value();
        return condition(attribute, op, value, path);
    }

    private String condition(Attribute attribute, String op, Object value, String path) {
        switch (attribute.kind()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean) || !(op.equals("eq") || op.equals("ne"))) {
                    throw invalid(path + " compares with eq or ne to true or false");
                }
                return "r." + attribute.column() + (op.equals("eq") ? " = " : " <> ") + param(value);
            }
            case HASH, SUBQUERY -> {
                if (!op.equals("eq") || !(value instanceof String text)) {
                    throw invalid(path + " supports eq with a string only");
                }
                if (attribute.kind() == Kind.HASH) {
                    return "r." + attribute.column() + " = " + param(Hashes.ofLower(text));
                }
                return "r.id in (" + attribute.column().replace(":v", param(text)) + ")";
            }
            default -> {
                if (!(value instanceof String text)) {
                    throw invalid(path + " compares with a string");
                }
                boolean lower = attribute.kind() != Kind.EXACT;
                String column = attribute.kind() == Kind.TEXT ? "lower(r." + attribute.column() + ")"
                        : "r." + attribute.column();
                String operand = lower ? text.toLowerCase(Locale.ROOT) : text;
                return switch (op) {
                    case "eq" -> column + " = " + param(operand);
                    case "ne" -> "(" + column + " is null or " + column + " <> " + param(operand) + ")";
                    case "co" -> column + " like " + param("%" + escape(operand) + "%") + " escape '!'";
                    case "sw" -> column + " like " + param(escape(operand) + "%") + " escape '!'";
                    case "ew" -> column + " like " + param("%" + escape(operand)) + " escape '!'";
                    case "gt" -> column + " > " + param(operand);
                    case "ge" -> column + " >= " + param(operand);
                    case "lt" -> column + " < " + param(operand);
                    case "le" -> column + " <= " + param(operand);
                    default -> throw invalid("Unknown operator " + op);
                };
            }
        }
    }

    private String param(Object value) {
        parameters.add(value);
        return "?" + (first + parameters.size() - 1);
    }

    private static String escape(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Attribute names are case-insensitive; the core schema URN prefix may be given. */
    static String normalize(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String urn : List.of("urn:ietf:params:scim:schemas:core:2.0:user:",
                "urn:ietf:params:scim:schemas:core:2.0:group:")) {
            if (lower.startsWith(urn)) {
                return lower.substring(urn.length());
            }
        }
        return lower;
    }

    private Object value() {
        skipSpace();
        if (peek() == '"') {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    c = text.charAt(pos++);
                }
                out.append(c);
            }
            if (pos >= text.length()) {
                throw invalid("Unterminated string in the filter");
            }
            pos++;
            return out.toString();
        }
        String word = word();
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> throw invalid("Comparing with null is not supported; use pr");
            default -> word;
        };
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != '('
                && text.charAt(pos) != ')' && text.charAt(pos) != '"') {
            pos++;
        }
        if (start == pos) {
            throw invalid("Expected an attribute, operator or value at position " + pos + " of the filter");
        }
        return text.substring(start, pos);
    }

    private boolean keyword(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        if (end < text.length() && text.substring(pos, end).equalsIgnoreCase(keyword)
                && (Character.isWhitespace(text.charAt(end)) || text.charAt(end) == '(')) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw invalid("Expected '" + c + "' at position " + pos + " of the filter");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static ScimException invalid(String detail) {
        return ScimException.badRequest("invalidFilter", detail);
    }
}
