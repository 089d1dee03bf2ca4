package io.gatehouse.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IAM wildcard matching: "*" any run (across "/" and ":"), "?" exactly one character. */
class GlobTest {

    @ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
        // star crosses path and ARN separators
        "arn:aws:s3:::bucket/*      | arn:aws:s3:::bucket/a/b/c       | true",
        "arn:aws:s3:::*             | arn:aws:s3:::bucket/x:y         | true",
        "arn:*:key                  | arn:aws:kms:us-east-1:1:key     | true",
        "a*z                        | a/:/z                           | true",
        // star matches empty
        "ab*                        | ab                              | true",
        "*ab                        | ab                              | true",
        "a*b                        | ab                              | true",
        // question mark: exactly one character, any character
        "a?c                        | abc                             | true",
        "a?c                        | a/c                             | true",
        "a?c                        | a:c                             | true",
        "a?c                        | ac                              | false",
        "a?c                        | abbc                            | false",
        "???                        | abc                             | true",
        "???                        | ab                              | false",
        "???                        | abcd                            | false",
        // exact
        "abc                        | abc                             | true",
        "abc                        | abcd                            | false",
        "abc                        | ABC                             | false",
        "abc                        | ab                              | false",
        // prefix shape
        "s3:Get*                    | s3:GetObject                    | true",
        "s3:Get*                    | s3:Put                          | false",
        "s3:Get*                    | s3:Ge                           | false",
        // suffix and infix
        "*Object                    | s3:GetObject                    | true",
        "*Object                    | s3:GetObjects                   | false",
        "a*b*c                      | abc                             | true",
        "a*b*c                      | aXbYc                           | true",
        "a*b*c                      | abbbcbc                         | true",
        "a*b*c                      | acb                             | false",
        "a*b*c                      | abcx                            | false",
        "a*a*a*b                    | aaaaaaaaaaaaaaaaaaaaaaab        | true",
        "a*a*a*b                    | aaaaaaaaaaaaaaaaaaaaaaaa        | false",
        "*?                         | x                               | true",
        "?*                         | x                               | true",
        "*?*?*                      | x                               | false",
        "**                         | anything                        | true",
        "a**b                       | ab                              | true",
        "*b?                        | abbb                            | true",
    })
    void matchesLikeIam(String pattern, String input, boolean expected) {
        assertThat(Glob.of(pattern.trim()).matches(input.trim())).isEqualTo(expected);
    }

    @Test
    void starAloneMatchesEverythingIncludingEmpty() {
        Glob any = Glob.of("*");
        assertThat(any.matchesAll()).isTrue();
        assertThat(any.hasWildcards()).isTrue();
        assertThat(any.matches("")).isTrue();
        assertThat(any.matches("arn:aws:s3:::b/k")).isTrue();
        assertThat(any.matches("*")).isTrue();
    }

    @Test
    void emptyPatternMatchesOnlyEmptyInput() {
        Glob empty = Glob.of("");
        assertThat(empty.hasWildcards()).isFalse();
        assertThat(empty.matches("")).isTrue();
        assertThat(empty.matches("a")).isFalse();
    }

    @Test
    void patternsThatNeedACharacterDoNotMatchEmptyInput() {
        assertThat(Glob.of("?").matches("")).isFalse();
        assertThat(Glob.of("a*").matches("")).isFalse();
        assertThat(Glob.of("*a").matches("")).isFalse();
        assertThat(Glob.of("**").matches("")).isTrue();
    }

    @Test
    void patternWithoutWildcardsIsExactAndCaseSensitive() {
        Glob exact = Glob.of("arn:aws:s3:::Bucket");
        assertThat(exact.hasWildcards()).isFalse();
        assertThat(exact.matchesAll()).isFalse();
        assertThat(exact.matches("arn:aws:s3:::Bucket")).isTrue();
        assertThat(exact.matches("arn:aws:s3:::bucket")).isFalse();
    }

    @Test
    void literalMaskedStarIsPlainText() {
        // "a*" where the star came from a substituted variable: matches only "a*"
        Glob g = Glob.of("a*", new boolean[] {false, true});
        assertThat(g.hasWildcards()).isFalse();
        assertThat(g.matches("a*")).isTrue();
        assertThat(g.matches("abc")).isFalse();
        assertThat(g.matches("a")).isFalse();
    }

    @Test
    void literalMaskedStarAloneIsNotMatchAll() {
        Glob g = Glob.of("*", new boolean[] {true});
        assertThat(g.matchesAll()).isFalse();
        assertThat(g.matches("*")).isTrue();
        assertThat(g.matches("x")).isFalse();
        assertThat(g.matches("")).isFalse();
    }

    @Test
    void literalMaskedQuestionMarkIsPlainText() {
        Glob g = Glob.of("a?c", new boolean[] {false, true, false});
        assertThat(g.matches("a?c")).isTrue();
        assertThat(g.matches("abc")).isFalse();
    }

    @Test
    void literalCharactersMixWithActiveWildcards() {
        // "home/*/x*" where only the first star is literal text: the second is a wildcard
        String pattern = "home/*/x*";
        boolean[] literal = new boolean[pattern.length()];
        literal[5] = true;
        Glob g = Glob.of(pattern, literal);
        assertThat(g.matches("home/*/x")).isTrue();
        assertThat(g.matches("home/*/xyz")).isTrue();
        assertThat(g.matches("home/alice/xyz")).isFalse();

        // literal star before an active star, where backtracking must not treat it as a wildcard
        String p2 = "*a*";
        Glob g2 = Glob.of(p2, new boolean[] {false, false, true});
        assertThat(g2.matches("xxa*")).isTrue();
        assertThat(g2.matches("xxa")).isFalse();
        assertThat(g2.matches("xxab")).isFalse();
    }

    @Test
    void trailingLiteralStarIsNotSkippedAtEndOfInput() {
        Glob g = Glob.of("?*", new boolean[] {false, true});
        assertThat(g.matches("x*")).isTrue();
        assertThat(g.matches("x")).isFalse();
    }

    @Test
    void backtrackingStaysFastOnAdversarialInput() {
        String input = "a".repeat(10_000);
        Glob g = Glob.of("*a*a*a*a*a*a*a*b");
        long start = System.nanoTime();
        assertThat(g.matches(input)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
