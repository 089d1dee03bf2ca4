package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.internal.crypto.Totp;
import io.gatehouse.identity.persistence.MfaDeviceEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Checks TOTP codes of virtual MFA devices (for AssumeRole/GetSessionToken's SerialNumber and
 * TokenCode, and for enabling a device) and records the time step of each accepted code, so that
 * no code is ever accepted twice: a code is refused unless its step is later than the device's
 * last accepted one. The device row is locked while it is checked, so two concurrent requests
 * with the same code cannot both pass. Seeds are opened from their sealed form only here.
 */
@ApplicationScoped
public class MfaVerifier {
    private final Totp totp = new Totp();

    @Inject
    SecretBox secretBox;

    /**
     * Whether {@code code} is the current code of the enabled device {@code serialNumber} of the
     * account (one step of clock drift either way), and not one already used. An accepted code's
     * step is recorded in the caller's transaction (or in a new one when there is none).
     *
     * @return false for an unknown, other account's or not enabled device, a wrong or malformed
     *     code, or a code already used
     */
    @Transactional
    public boolean verify(String accountId, String serialNumber, String code, Instant now) {
        return verify(accountId, null, serialNumber, code, now);
    }

    /** As {@link #verify(String, String, String, Instant)}, also requiring the device to be enabled for the user. */
    @Transactional
    public boolean verify(String accountId, String userId, String serialNumber, String code, Instant now) {
        if (accountId == null || serialNumber == null || code == null) {
            return false;
        }
        MfaDeviceEntity device = lock(serialNumber);
        if (device == null || !accountId.equals(device.accountId) || device.userId == null
                || (userId != null && !userId.equals(device.userId))) {
            return false;
        }
        OptionalLong step = totp.verify(seed(device), code, now);
        if (step.isEmpty() || !unused(device, step.getAsLong())) {
            return false;
        }
        device.lastUsedStep = step.getAsLong();
        return true;
    }

    /** The device, locked for update until the transaction ends; null when there is none. */
    static MfaDeviceEntity lock(String serialNumber) {
        return MfaDeviceEntity.findById(serialNumber, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The later step of two consecutive unused codes (EnableMFADevice's AuthenticationCode1 and 2),
     * the first taken at most {@code stepsBack} steps before {@code now}'s; empty when they are not.
     * Does not record it.
     */
    OptionalLong consecutive(MfaDeviceEntity device, String code1, String code2, Instant now, int stepsBack) {
        String seed = seed(device);
        byte[] first = ascii(code1);
        byte[] second = ascii(code2);
        long current = Totp.counterAt(now);
        long found = -1;
        for (long step = current - stepsBack; step <= current; step++) {
            // Every candidate is computed and compared: timing does not tell which matched.
            boolean match = MessageDigest.isEqual(ascii(totp.code(seed, step)), first)
                    & MessageDigest.isEqual(ascii(totp.code(seed, step + 1)), second);
            if (match && unused(device, step)) {
                found = step + 1;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** The seed (Base32) of a device, opened from its sealed form. */
    String seed(MfaDeviceEntity device) {
        return secretBox.openFromBase64(device.seedSealed, aad(device.serialNumber));
    }

    /** The associated data binding a sealed seed to its device. */
    static String aad(String serialNumber) {
        return "mfa-seed:" + serialNumber;
    }

    private static boolean unused(MfaDeviceEntity device, long step) {
        return device.lastUsedStep == null || step > device.lastUsedStep;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
