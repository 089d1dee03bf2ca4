package io.gatehouse.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Glob against an independent reference: a java.util.regex built character by character. */
class WildcardMatchingProperties {

    /** The reference: "*" is ".*", "?" is ".", every other (or literal-marked) character is quoted. */
    static boolean reference(String pattern, boolean[] literal, String input) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean lit = literal != null && literal[i];
            if (c == '*' && !lit) {
                regex.append(".*");
            } else if (c == '?' && !lit) {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(input).matches();
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars('a', 'b', '/', ':', '*', '?').ofMinLength(0).ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.strings().withChars('a', 'b', '/', ':', '*', '?').ofMinLength(0).ofMaxLength(10);
    }

    @Provide
    Arbitrary<String> plainInputs() {
        return Arbitraries.strings().withChars('a', 'b', '/', ':').ofMinLength(0).ofMaxLength(10);
    }

    @Property(tries = 3000)
    void globAgreesWithRegexReference(@ForAll("patterns") String pattern, @ForAll("inputs") String input) {
        assertThat(Glob.of(pattern).matches(input)).as("\"%s\" vs \"%s\"", pattern, input)
                .isEqualTo(reference(pattern, null, input));
    }

    @Property(tries = 1000)
    void globAgreesOnInputsBuiltFromThePattern(@ForAll("patterns") String pattern, @ForAll("plainInputs") String fill) {
        // replace wildcards by pieces of fill, so that many cases actually match
        StringBuilder input = new StringBuilder();
        int f = 0;
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                int n = fill.isEmpty() ? 0 : f % (fill.length() + 1);
                input.append(fill, 0, Math.min(n, fill.length()));
                f++;
            } else if (c == '?') {
                input.append(fill.isEmpty() ? 'a' : fill.charAt(f++ % fill.length()));
            } else {
                input.append(c);
            }
        }
        String text = input.toString();
        assertThat(reference(pattern, null, text)).isTrue();
        assertThat(Glob.of(pattern).matches(text)).as("\"%s\" vs \"%s\"", pattern, text).isTrue();
    }

    @Property(tries = 2000)
    void literalMaskedGlobAgreesWithReference(@ForAll("patterns") String pattern, @ForAll("inputs") String input,
            @ForAll long maskBits) {
        boolean[] literal = new boolean[pattern.length()];
        for (int i = 0; i < literal.length; i++) {
            literal[i] = ((maskBits >>> i) & 1) == 1;
        }
        assertThat(Glob.of(pattern, literal).matches(input)).as("\"%s\" mask %s vs \"%s\"", pattern,
                java.util.Arrays.toString(literal), input).isEqualTo(reference(pattern, literal, input));
    }

    @Property(tries = 1000)
    void patternWithoutWildcardsMatchesOnlyItself(@ForAll("plainInputs") String pattern,
            @ForAll("inputs") String input) {
        Glob g = Glob.of(pattern);
        assertThat(g.hasWildcards()).isFalse();
        assertThat(g.matches(pattern)).isTrue();
        assertThat(g.matches(input)).isEqualTo(input.equals(pattern));
    }

    @Property(tries = 500)
    void starMatchesEverything(@ForAll("inputs") String input) {
        assertThat(Glob.of("*").matches(input)).isTrue();
        assertThat(Glob.of("**").matches(input)).isTrue();
    }

    @Property(tries = 1000)
    void fullyLiteralMaskMatchesOnlyTheTextItself(@ForAll("patterns") String pattern, @ForAll("inputs") String input) {
        boolean[] literal = new boolean[pattern.length()];
        java.util.Arrays.fill(literal, true);
        Glob g = Glob.of(pattern, literal);
        assertThat(g.matches(pattern)).isTrue();
        assertThat(g.matches(input)).isEqualTo(input.equals(pattern));
    }
}
