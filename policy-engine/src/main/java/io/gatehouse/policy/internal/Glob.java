package io.gatehouse.policy.internal;

/**
 * An IAM wildcard pattern: {@code *} matches any run of characters (including none, and across
 * {@code /} and {@code :}), {@code ?} matches exactly one. Characters marked literal (those that a
 * policy variable substituted, or {@code ${*}}) never act as wildcards. Immutable.
 */
final class Glob {
    private enum Shape { EXACT, PREFIX, ANY, GENERAL }

    private final String text;
    private final boolean[] literal;
    private final Shape shape;

    private Glob(String text, boolean[] literal, Shape shape) {
        this.text = text;
        this.literal = literal;
        this.shape = shape;
    }

    /** Compiles a pattern in which every {@code *} and {@code ?} is a wildcard. */
    static Glob of(String pattern) {
        return of(pattern, null);
    }

    /** Compiles a pattern; {@code literal[i]} marks character i as plain text (may be null). */
    static Glob of(String pattern, boolean[] literal) {
        int wildcards = 0;
        int lastWildcard = -1;
        for (int i = 0; i < pattern.length(); i++) {
            if (isWildcard(pattern, literal, i)) {
                wildcards++;
                lastWildcard = i;
            }
        }
        if (wildcards == 0) {
            return new Glob(pattern, null, Shape.EXACT);
        }
        if (pattern.equals("*")) {
            return new Glob(pattern, null, Shape.ANY);
        }
        if (wildcards == 1 && lastWildcard == pattern.length() - 1 && pattern.charAt(lastWildcard) == '*') {
            return new Glob(pattern.substring(0, lastWildcard), null, Shape.PREFIX);
        }
        return new Glob(pattern, literal, Shape.GENERAL);
    }

    /** Whether the pattern holds any wildcard at all. */
    boolean hasWildcards() {
        return shape != Shape.EXACT;
    }

    /** Whether the pattern matches everything. */
    boolean matchesAll() {
        return shape == Shape.ANY;
    }

    boolean matches(String input) {
        switch (shape) {
            case EXACT:
                return text.equals(input);
            case PREFIX:
                return input.startsWith(text);
            case ANY:
                return true;
            default:
                return matches(text, literal, input);
        }
    }

    private static boolean isWildcard(String pattern, boolean[] literal, int i) {
        char c = pattern.charAt(i);
        return (c == '*' || c == '?') && (literal == null || !literal[i]);
    }

    /**
     * Matches without building a Glob: greedy with single-star backtracking, linear for patterns
     * without nested stars. {@code literal} (may be null) marks pattern characters that are text.
     */
    static boolean matches(String text, boolean[] literal, String input) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        int plen = text.length();
        int slen = input.length();
        while (s < slen) {
            if (p < plen) {
                char pc = text.charAt(p);
                boolean wild = literal == null || !literal[p];
                if (wild && pc == '*') {
                    starP = p++;
                    starS = s;
                    continue;
                }
                if ((wild && pc == '?') || pc == input.charAt(s)) {
                    p++;
                    s++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            s = ++starS;
        }
        while (p < plen && text.charAt(p) == '*' && (literal == null || !literal[p])) {
            p++;
        }
        return p == plen;
    }

    @Override
    public String toString() {
        return shape == Shape.PREFIX ? text + "*" : text;
    }
}
