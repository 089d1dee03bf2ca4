package io.gatehouse.identity.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Session;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SessionTokenCodecTest {
    private static final Instant ISSUED = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant EXPIRES = ISSUED.plusSeconds(3600);
    private static final Instant NOW = ISSUED.plusSeconds(60);

    private final InMemoryKeyRing ring = InMemoryKeyRing.generate(ISSUED);
    private final SessionTokenCodec codec = new SessionTokenCodec(ring);

    static Session fullSession() {
        return new Session("ASIAJEXAMPLEXEG2JICEA", "9drTJvcXLB89EXAMPLELB8923FB892xMFI", "AssumeRole", "123456789012",
                "arn:aws:sts::123456789012:assumed-role/Deployer/ci-run-42", "AROAJEXAMPLEEXAMPLE12:ci-run-42",
                "arn:aws:iam::123456789012:role/Deployer", "ci-run-42", ISSUED, EXPIRES,
                Instant.parse("2025-06-01T11:59:30.123456789Z"), "alice@example.com",
                List.of("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"),
                List.of("arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::123456789012:policy/Extra"),
                Map.of("Project", "Gatehouse", "CostCenter", "1234", "Ünïcode", "värde ✓"), Set.of("Project"),
                "AROAJEXAMPLEEXAMPLE12");
    }

    static Session minimalSession() {
        return new Session("ASIAMINIMALMINIMAL12", "secret", "GetSessionToken", "123456789012",
                "arn:aws:iam::123456789012:user/alice", null, null, null, ISSUED, EXPIRES, null, null, null, null, null, null);
    }

    @Test
    void roundTripOfEveryField() {
        Session session = fullSession();
        String token = codec.seal(session);

        assertThat(token).startsWith("GH1").matches("GH1[A-Za-z0-9_-]+");
        Session opened = codec.open(token, NOW);
        assertThat(opened).isEqualTo(session);
        assertThat(opened.mfaAuthenticatedAt()).isEqualTo(session.mfaAuthenticatedAt()); // nanos kept
        assertThat(opened.mfa()).isTrue();
        assertThat(opened.sourceId()).isEqualTo("AROAJEXAMPLEEXAMPLE12");
    }

    @Test
    void roundTripOfAMinimalSessionKeepsNullsAndEmpties() {
        Session opened = codec.open(codec.seal(minimalSession()), NOW);

        assertThat(opened).isEqualTo(minimalSession());
        assertThat(opened.sessionPolicies()).isNull();
        assertThat(opened.principalId()).isNull();
        assertThat(opened.sourceId()).isNull();
        assertThat(opened.mfa()).isFalse();
    }

    @Test
    void emptySessionPolicyListIsNotNull() {
        Session s = new Session("ASIAX", "s", "AssumeRole", "123456789012", "arn", null, null, null, ISSUED, EXPIRES, null,
                null, List.of(), null, null, null);
        assertThat(codec.open(codec.seal(s), NOW).sessionPolicies()).isEmpty();
    }

    @Test
    void sealingTwiceGivesDifferentTokens() {
        assertThat(codec.seal(fullSession())).isNotEqualTo(codec.seal(fullSession()));
    }

    @Test
    void expiredTokenIsExpiredToken() {
        String token = codec.seal(fullSession());

        assertThat(codec.open(token, EXPIRES.minusMillis(1))).isNotNull();
        assertRefused(() -> codec.open(token, EXPIRES), token).satisfies(e -> assertThat(((AwsException) e).code())
                .isEqualTo("ExpiredToken"));
        assertRefused(() -> codec.open(token, EXPIRES.plusSeconds(86_400)), token)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("ExpiredToken"));
    }

    @Test
    void unknownKeyIdIsInvalidClientTokenId() {
        String token = new SessionTokenCodec(InMemoryKeyRing.generate(ISSUED)).seal(fullSession());
        assertInvalid(token);
    }

    @Test
    void everyAlteredByteIsInvalidClientTokenId() {
        String token = codec.seal(minimalSession());
        byte[] raw = Base64.getUrlDecoder().decode(token.substring(3));
        // id length, key id, nonce, ciphertext, tag: every byte position.
        for (int i = 0; i < raw.length; i++) {
            byte[] altered = raw.clone();
            altered[i] ^= 0x01;
            assertInvalid("GH1" + Base64.getUrlEncoder().withoutPadding().encodeToString(altered));
        }
    }

    @Test
    void truncatedGarbageAndForeignTokensAreInvalidClientTokenId() {
        String token = codec.seal(fullSession());
        for (int length = 0; length < token.length(); length += 7) {
            assertInvalid(token.substring(0, length));
        }
        assertInvalid(token.substring(0, token.length() - 1));
        assertInvalid(token + "A");
        assertInvalid("GH2" + token.substring(3));
        assertInvalid(token.substring(3));
        assertInvalid("GH1!!!not-base64!!!");
        assertInvalid("GH1" + "A".repeat(200));
        assertInvalid("FwoGZXIvYXdzEBYaDHqa0AP1mNYIFfOXnCLAASQ9c2Vzc2lvbl90b2tlbl9leGFtcGxl"); // an AWS-style token
        assertInvalid(null);
    }

    @Test
    void oversizeTokenIsRefusedBeforeDecoding() {
        assertInvalid("GH1" + "A".repeat(SessionTokenCodec.MAX_TOKEN_CHARS));
    }

    @Test
    void rotatedKeyStillOpensWhileInTheRing() {
        String before = codec.seal(fullSession());
        KeyRing.Key old = ring.current();
        KeyRing.Key fresh = ring.rotate(ISSUED.plusSeconds(10));
        String after = codec.seal(fullSession());

        assertThat(fresh.id()).isNotEqualTo(old.id());
        assertThat(codec.open(before, NOW)).isEqualTo(fullSession());
        assertThat(codec.open(after, NOW)).isEqualTo(fullSession());

        ring.retire(old.id());
        assertInvalid(before);
        assertThat(codec.open(after, NOW)).isEqualTo(fullSession());
    }

    @Test
    void anotherReplicaWithTheSameKeysOpensTheToken() {
        KeyRing.Key key = ring.current();
        SessionTokenCodec replica = new SessionTokenCodec(
                InMemoryKeyRing.of(new KeyRing.Key(key.id(), key.secret32(), key.createdAt())));
        assertThat(replica.open(codec.seal(fullSession()), NOW)).isEqualTo(fullSession());
    }

    @Test
    void sameIdDifferentSecretIsInvalid() {
        KeyRing.Key key = ring.current();
        SessionTokenCodec impostor = new SessionTokenCodec(
                InMemoryKeyRing.of(new KeyRing.Key(key.id(), new byte[32], key.createdAt())));
        assertInvalid(impostor.seal(fullSession()));
    }

    @Test
    void tokenSizeWithTwoPoliciesAndFiveTags() {
        String typical = tokenWithPolicies(policyOf(500), policyOf(500).replace("s3:GetObject", "s3:PutObject"));
        String incompressible = tokenWithPolicies(randomPolicyOf(500, 1), randomPolicyOf(500, 2));

        System.out.println("Session token, 2 inline policies of 500 chars + 5 tags: " + typical.length()
                + " chars (repetitive policies), " + incompressible.length() + " chars (random content, worst case)");
        assertThat(typical.length()).isLessThan(1024);
        assertThat(incompressible.length()).isLessThan(2048);
    }

    private String tokenWithPolicies(String first, String second) {
        assertThat(first).hasSize(500);
        assertThat(second).hasSize(500);
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            tags.put("TagKey" + i, "tag-value-number-" + i);
        }
        Session s = new Session("ASIA" + "Q".repeat(16), "x".repeat(40), "AssumeRole", "123456789012",
                "arn:aws:sts::123456789012:assumed-role/Deployer/ci-run-42", "AROA" + "Z".repeat(17) + ":ci-run-42",
                "arn:aws:iam::123456789012:role/Deployer", "ci-run-42", ISSUED, EXPIRES, ISSUED, "alice",
                List.of(first, second), List.of(), tags, Set.of("TagKey1"));
        String token = codec.seal(s);
        assertThat(codec.open(token, NOW)).isEqualTo(s);
        return token;
    }

    /** A 500-character policy whose resource names are random: about the least compressible realistic case. */
    private static String randomPolicyOf(int length, long seed) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder resource = new StringBuilder();
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::";
        String tail = "\"}]}";
        while (resource.length() < length - head.length() - tail.length()) {
            resource.append((char) ('a' + random.nextInt(26)));
        }
        return head + resource + tail;
    }

    @Test
    void incompressibleSessionStillRoundTrips() {
        StringBuilder noise = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        while (noise.length() < 1500) {
            noise.append(Long.toString(random.nextLong(), 36));
        }
        Session s = new Session("ASIAX", noise.toString(), "AssumeRole", "123456789012", "arn", null, null, null, ISSUED,
                EXPIRES, null, null, null, null, null, null);
        assertThat(codec.open(codec.seal(s), NOW)).isEqualTo(s);
    }

    @Test
    void toStringsShowNoSecrets() {
        KeyRing.Key key = ring.current();
        String secret = Base64.getEncoder().encodeToString(key.secret32());
        assertThat(key.toString()).doesNotContain(secret);
        assertThat(ring.toString()).doesNotContain(secret);
        assertThat(codec.toString()).doesNotContain(secret);
    }

    /** A policy document of exactly {@code length} characters, realistic in shape. */
    private static String policyOf(int length) {
        StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        int i = 0;
        while (sb.length() < length - 120) {
            sb.append(i == 0 ? "" : ",").append("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket-")
                    .append(i++).append("/*\"}");
        }
        sb.append("]}");
        String doc = sb.toString();
        return doc.substring(0, doc.length() - 2) + " ".repeat(length - doc.length()) + "]}";
    }

    private void assertInvalid(String token) {
        assertRefused(() -> codec.open(token, NOW), token)
                .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("InvalidClientTokenId"));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String token) {
        return assertThatThrownBy(call)
                .isInstanceOf(AwsException.class)
                .satisfies(e -> {
                    if (token != null && token.length() > 3) {
                        assertThat(e.getMessage()).doesNotContain(token.substring(3));
                    }
                });
    }
}
