package io.gatehouse.audit.internal;

import io.gatehouse.audit.InvalidNextTokenException;
import io.gatehouse.audit.LookupQuery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * LookupEvents' next tokens: where the previous page ended (the last event's time and outbox id)
 * and a digest of the query that issued it (account, attribute, time range). A token is refused
 * unless it parses and was issued for the same query, so a token cannot move a query to another
 * account or filter; within its own query a forged position only skips the caller's own events.
 */
final class NextTokens {
    private static final String VERSION = "1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** The position after which the next page starts. */
    record Cursor(Instant eventTime, long id) {}

    private NextTokens() {}

    static String issue(LookupQuery query, Instant eventTime, long id) {
        String text = String.join(":", VERSION, Long.toString(eventTime.getEpochSecond()),
                Integer.toString(eventTime.getNano()), Long.toString(id), digest(query));
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code token}, refused unless {@code query} is the query it was issued for. */
    static Cursor read(LookupQuery query, String token) {
        String[] parts;
        try {
            parts = new String(DECODER.decode(token), StandardCharsets.UTF_8).split(":", -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length != 5 || !parts[0].equals(VERSION) || !MessageDigest.isEqual(
                parts[4].getBytes(StandardCharsets.UTF_8), digest(query).getBytes(StandardCharsets.UTF_8))) {
            throw invalid();
        }
        try {
            long id = Long.parseLong(parts[3]);
            Instant time = Instant.ofEpochSecond(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
            if (id < 0) {
                throw invalid();
            }
            return new Cursor(time, id);
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static InvalidNextTokenException invalid() {
        return new InvalidNextTokenException("Invalid NextToken. The token was not issued for this query.");
    }

    private static String digest(LookupQuery query) {
        String identity = String.join("\n", query.accountId(),
                query.attribute() == null ? "" : query.attribute().key().wireName(),
                query.attribute() == null ? "" : query.attribute().value(),
                String.valueOf(query.startTime()), String.valueOf(query.endTime()));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
