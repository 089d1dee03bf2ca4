package io.gatehouse.policy.internal;

import io.gatehouse.policy.MalformedPolicyException;
import io.gatehouse.policy.RequestContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A value that may hold policy variables ({@code ${aws:username}}, {@code ${*}}, {@code ${?}},
 * {@code ${$}}, {@code ${key, 'default'}}), resolved against a request's context. Substituted
 * text is literal: a {@code *} in a user name never becomes a wildcard. Immutable.
 */
final class Template {
    private static final java.util.regex.Pattern VARIABLE_KEY =
            java.util.regex.Pattern.compile("[A-Za-z0-9_.-]+:[A-Za-z0-9_./:+=@-]+");
    /** One piece: literal text (wildcards active) or a variable (key null = fixed literal text). */
    private record Part(String text, String key, String fallback) {}

    private final String source;
    private final List<Part> parts;
    private final Glob fixedGlob;
    /** Text every match must start with: the value up to its first variable or wildcard. */
    private final String fixedPrefix;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
        this.fixedGlob = parts == null ? Glob.of(source) : null;
        this.fixedPrefix = parts == null ? "" : prefixOf(parts.get(0));
    }

    private static String prefixOf(Part first) {
        if (first.text() == null || first.key() != null) {
            return "";
        }
        String text = first.text();
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '*' || text.charAt(i) == '?') {
                end = i;
                break;
            }
        }
        return text.substring(0, end);
    }

    /**
     * Whether the value, as a wildcard pattern with its variables substituted (as literal text),
     * matches the input. An unresolvable variable matches nothing. Cheap when the text before the
     * first variable already differs.
     */
    boolean matches(String input, RequestContext context) {
        if (parts == null) {
            return fixedGlob.matches(input);
        }
        if (!input.startsWith(fixedPrefix)) {
            return false;
        }
        StringBuilder out = new StringBuilder(source.length() + 16);
        boolean wildcardSubstituted = false;
        for (Part part : parts) {
            String piece = piece(part, context);
            if (piece == null) {
                return false;
            }
            boolean isLiteral = part.text() == null || part.key() != null;
            wildcardSubstituted |= isLiteral && (piece.indexOf('*') >= 0 || piece.indexOf('?') >= 0);
            out.append(piece);
        }
        if (wildcardSubstituted) {
            Masked masked = masked(context);
            return Glob.matches(masked.text(), masked.literal(), input);
        }
        return Glob.matches(out.toString(), null, input);
    }

    /**
     * Parses a value. With {@code variables} false (Version 2008-10-17) the text is taken as is.
     *
     * @param where names the place, for the refusal message
     */
    static Template parse(String value, boolean variables, String where) {
        if (!variables || !value.contains("${")) {
            return new Template(value, null);
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                parts.add(new Part(value.substring(i), null, null));
                break;
            }
            if (start > i) {
                parts.add(new Part(value.substring(i, start), null, null));
            }
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                throw new MalformedPolicyException(where + ": unterminated policy variable in \"" + value + "\"");
            }
            parts.add(variable(value.substring(start + 2, end).trim(), value, where));
            i = end + 1;
        }
        return new Template(value, List.copyOf(parts));
    }

    private static Part variable(String body, String value, String where) {
        switch (body) {
            case "*":
            case "?":
            case "$":
                return new Part(body, "", null);
            default:
                break;
        }
        String key = body;
        String fallback = null;
        int comma = body.indexOf(',');
        if (comma >= 0) {
            key = body.substring(0, comma).trim();
            String rest = body.substring(comma + 1).trim();
            if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\'') {
                throw new MalformedPolicyException(where + ": policy variable default must be quoted, as in "
                        + "${aws:username, 'guest'}, in \"" + value + "\"");
            }
            fallback = rest.substring(1, rest.length() - 1);
        }
        if (key.isEmpty() || !VARIABLE_KEY.matcher(key).matches()) {
            throw new MalformedPolicyException(where + ": invalid policy variable \"${" + body + "}\" in \"" + value + "\"");
        }
        return new Part(null, key.toLowerCase(Locale.ROOT), fallback);
    }

    boolean hasVariables() {
        return parts != null;
    }

    String source() {
        return source;
    }

    /** The value with variables substituted, or null when a variable has no value and no default. */
    String resolve(RequestContext context) {
        if (parts == null) {
            return source;
        }
        StringBuilder out = new StringBuilder(source.length() + 16);
        for (Part part : parts) {
            String piece = piece(part, context);
            if (piece == null) {
                return null;
            }
            out.append(piece);
        }
        return out.toString();
    }

    /** Resolved text with a mask of the characters that must be taken literally. */
    record Masked(String text, boolean[] literal) {}

    /** The resolved value and which of its characters came from variables; null when unresolvable. */
    Masked masked(RequestContext context) {
        if (parts == null) {
            return new Masked(source, null);
        }
        StringBuilder out = new StringBuilder(source.length() + 16);
        boolean[] literal = new boolean[source.length() + 64];
        for (Part part : parts) {
            String piece = piece(part, context);
            if (piece == null) {
                return null;
            }
            if (out.length() + piece.length() > literal.length) {
                literal = Arrays.copyOf(literal, (out.length() + piece.length()) * 2);
            }
            if (part.text() == null || part.key() != null) {
                Arrays.fill(literal, out.length(), out.length() + piece.length(), true);
            }
            out.append(piece);
        }
        return new Masked(out.toString(), literal);
    }

    private static String piece(Part part, RequestContext context) {
        if (part.key() == null) {
            return part.text();
        }
        if (part.key().isEmpty()) {
            return part.text();
        }
        List<String> values = context.values().get(part.key());
        if (values == null || values.size() != 1) {
            return part.fallback();
        }
        return values.get(0);
    }
}
