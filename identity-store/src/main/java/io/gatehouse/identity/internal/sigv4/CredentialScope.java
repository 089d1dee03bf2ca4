package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;
import java.util.regex.Pattern;

/**
 * The {@code Credential} value: {@code AKID/yyyyMMdd/region/service/aws4_request}.
 *
 * @param accessKeyId the signing key's id
 * @param date the scope date, {@code yyyyMMdd}
 * @param region the scope region
 * @param service the scope service
 */
record CredentialScope(String accessKeyId, String date, String region, String service) {
    private static final Pattern DATE = Pattern.compile("[0-9]{8}");

    static final String TERMINATOR = "aws4_request";

    /**
     * Parses a credential; refuses with IncompleteSignature when it does not have five non-empty
     * parts, the date is not eight digits or the terminator is not {@code aws4_request}.
     */
    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw AwsException.incompleteSignature("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got " + parts.length);
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw AwsException.incompleteSignature("Credential has an empty element; expected "
                        + "keyid/date/region/service/aws4_request");
            }
        }
        if (!DATE.matcher(parts[1]).matches()) {
            throw AwsException.incompleteSignature("Credential scope date must be in yyyyMMdd format");
        }
        if (!TERMINATOR.equals(parts[4])) {
            throw AwsException.incompleteSignature("Credential should be scoped with a valid terminator: "
                    + "'aws4_request'");
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
    }

    /** The scope as it appears in the string to sign (without the key id). */
    String scope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }
}
