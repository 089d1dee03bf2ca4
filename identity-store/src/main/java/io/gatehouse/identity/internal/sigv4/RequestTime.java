package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * When a request was signed, and whether that is acceptable now. The header form must be within
 * 5 minutes of the server clock either way (RequestTimeTooSkewed); a presigned URL must not be
 * used after X-Amz-Date + X-Amz-Expires (RequestExpired) nor more than 5 minutes before its
 * X-Amz-Date (RequestTimeTooSkewed). Messages follow AWS's wording.
 *
 * @param signedAt the instant
 * @param amzDate the same instant as {@code yyyyMMdd'T'HHmmss'Z'}, as it goes into the string to sign
 */
record RequestTime(Instant signedAt, String amzDate) {
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("d MMM uuuu HH:mm:ss zzz",
            Locale.US);

    /** Parses an X-Amz-Date value; anything but ISO 8601 basic format is IncompleteSignature. */
    static RequestTime ofAmzDate(String value) {
        // By hand, not with a DateTimeFormatter: this runs on every request, and a strict formatter's
        // resolution cost more than the rest of parsing the signature. LocalDateTime.of refuses what
        // is out of range (month 13, 30 February) as the strict formatter did.
        if (value.length() == 16 && value.charAt(8) == 'T' && value.charAt(15) == 'Z' && Ascii.isDigits(value, 0, 8)
                && Ascii.isDigits(value, 9, 15)) {
            try {
                Instant at = LocalDateTime.of(number(value, 0, 4), number(value, 4, 6), number(value, 6, 8),
                        number(value, 9, 11), number(value, 11, 13), number(value, 13, 15)).toInstant(ZoneOffset.UTC);
                return new RequestTime(at, value);
            } catch (DateTimeException e) {
                // falls through to the refusal: e.g. month 13
            }
        }
        throw AwsException.incompleteSignature("X-Amz-Date must be in ISO 8601 basic format, yyyyMMdd'T'HHmmss'Z'");
    }

    private static int number(String value, int from, int to) {
        return Integer.parseInt(value, from, to, 10);
    }

    /**
     * Parses an RFC 1123 {@code Date} header, which AWS accepts when X-Amz-Date is absent. The day
     * name is not checked against the date: AWS's own test suite signs "Mon, 09 Sep 2011", a Friday.
     */
    static RequestTime ofHttpDate(String value) {
        String text = value.trim();
        int comma = text.indexOf(',');
        try {
            Instant instant = ZonedDateTime.parse(comma < 0 ? text : text.substring(comma + 1).trim(), HTTP_DATE)
                    .toInstant();
            return new RequestTime(instant, BASIC.format(instant));
        } catch (DateTimeParseException e) {
            throw AwsException.incompleteSignature("Date header must be in RFC 1123 format");
        }
    }

    /** The scope date the credential must carry, {@code yyyyMMdd}. */
    String date() {
        return amzDate.substring(0, 8);
    }

    void checkSkew(Instant now) {
        Instant earliest = now.minus(MAX_SKEW);
        if (signedAt.isBefore(earliest)) {
            throw AwsException.requestTimeTooSkewed("Signature expired: " + amzDate + " is now earlier than "
                    + BASIC.format(earliest) + " (" + BASIC.format(now) + " - 5 min.)");
        }
        checkNotFuture(now);
    }

    void checkPresignedValidity(Instant now, long expiresSeconds) {
        checkNotFuture(now);
        Instant expiry = signedAt.plusSeconds(expiresSeconds);
        if (now.isAfter(expiry)) {
            throw AwsException.requestExpired("Request has expired: it was valid until " + BASIC.format(expiry)
                    + " (X-Amz-Date " + amzDate + " + X-Amz-Expires " + expiresSeconds + " s), now is "
                    + BASIC.format(now));
        }
    }

    private void checkNotFuture(Instant now) {
        Instant latest = now.plus(MAX_SKEW);
        if (signedAt.isAfter(latest)) {
            throw AwsException.requestTimeTooSkewed("Signature not yet current: " + amzDate + " is still later than "
                    + BASIC.format(latest) + " (" + BASIC.format(now) + " + 5 min.)");
        }
    }
}
