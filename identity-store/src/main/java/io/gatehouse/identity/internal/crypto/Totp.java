package io.gatehouse.identity.internal.crypto;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Virtual MFA devices as AWS has them: RFC 6238 TOTP, HMAC-SHA-1, 6 digits, 30-second steps,
 * Base32 seeds of 160 bits.
 *
 * <p>Library use: seeds come from {@code dev.samstevens.totp}'s {@link DefaultSecretGenerator}
 * (SecureRandom, 32 Base32 characters) and codes from its {@link DefaultCodeGenerator}, which takes
 * the time-step counter directly. Its {@code DefaultCodeVerifier} (and so its {@code TimeProvider})
 * is not used: it answers only true/false and cannot return the matched counter that replay
 * protection needs. The window and the constant-time comparison are therefore here.
 *
 * <p>{@link #verify} returns the matched time-step counter; refusing a code whose counter is not
 * greater than the last one accepted for the device is the caller's job. Thread-safe.
 */
public final class Totp {
    /** Seconds per time step. */
    public static final int PERIOD_SECONDS = 30;
    /** Digits in a code. */
    public static final int DIGITS = 6;
    /** Steps accepted either side of the current one (clock drift). */
    public static final int WINDOW = 1;

    private final CodeGenerator generator;
    private final int digits;

    /** The AWS virtual MFA setting: 6 digits. */
    public Totp() {
        this(DIGITS);
    }

    /** Other code lengths exist only for RFC 6238's 8-digit test vectors. */
    Totp(int digits) {
        this.digits = digits;
        this.generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, digits);
    }

    /** A new random seed: 160 bits as 32 Base32 characters (AWS's Base32StringSeed). */
    public String newSeed() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** The {@code otpauth://totp/...} URI an authenticator app reads (from the QR code AWS shows). */
    public String otpauthUri(String seed, String account, String issuer) {
        return new QrData.Builder()
                .label(Objects.requireNonNull(issuer, "issuer") + ":" + Objects.requireNonNull(account, "account"))
                .secret(Objects.requireNonNull(seed, "seed"))
                .issuer(issuer)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(digits)
                .period(PERIOD_SECONDS)
                .build()
                .getUri();
    }

    /** The time-step counter at {@code time}. */
    public static long counterAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code for a time-step counter. */
    public String code(String seed, long counter) {
        try {
            return generator.generate(Objects.requireNonNull(seed, "seed"), counter);
        } catch (CodeGenerationException e) {
            // Never the seed in the message; a seed that does not decode is a fault of ours.
            throw new IllegalStateException("TOTP code generation failed: seed is unusable");
        }
    }

    /**
     * The counter of the step (current, previous or next) whose code equals {@code code}, or empty
     * when none does or the code is not {@code digits} decimal digits.
     */
    public OptionalLong verify(String seed, String code, Instant now) {
        if (code == null || code.length() != digits || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long current = counterAt(now);
        long matched = -1;
        // All steps are computed and compared, preferring the current one, so timing does not tell which matched.
        for (long step : new long[] {current + WINDOW, current - WINDOW, current}) {
            byte[] expected = code(seed, step).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given)) {
                matched = step;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    @Override
    public String toString() {
        return "Totp[SHA1, " + digits + " digits, " + PERIOD_SECONDS + "s]";
    }
}
