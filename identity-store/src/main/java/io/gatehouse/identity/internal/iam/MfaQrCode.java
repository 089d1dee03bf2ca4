package io.gatehouse.identity.internal.iam;

import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import io.gatehouse.identity.internal.crypto.Totp;

/**
 * The QR code (PNG) of a virtual MFA device's {@code otpauth://totp/...} URI, as
 * CreateVirtualMFADevice's QRCodePNG, drawn with ZXing (through {@code dev.samstevens.totp}).
 */
final class MfaQrCode {
    static final String ISSUER = "Gatehouse";

    private MfaQrCode() {}

    /** The PNG bytes for the seed, labelled {@code Gatehouse:<label>}. */
    static byte[] png(String seed, String label) {
        QrData data = new QrData.Builder()
                .label(ISSUER + ":" + label)
                .secret(seed)
                .issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(Totp.DIGITS)
                .period(Totp.PERIOD_SECONDS)
                .build();
        try {
            return new ZxingPngQrGenerator().generate(data);
        } catch (QrGenerationException e) {
            // Never the seed or URI in the message: a failure to draw is a fault of ours.
            throw new IllegalStateException("QR code generation failed");
        }
    }
}
