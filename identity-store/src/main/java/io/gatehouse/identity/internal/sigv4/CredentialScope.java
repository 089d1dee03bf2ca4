package io.gatehouse.identity.internal.sigv4;

import io.gatehouse.identity.AwsException;

/**
 * The {@code Credential} value: {@code AKID/yyyyMMdd/region/service/aws4_request}.
 *
 * @param accessKeyId the signing key's id
 * @param date the scope date, {@code yyyyMMdd}
 * @param region the scope region
 * @param service the scope service
 */
record CredentialScope(String accessKeyId, String date, String region, String service) {
    static final String TERMINATOR = "aws4_request";

    /**
     * Parses a credential; refuses with IncompleteSignature when it does not have five non-empty
     * parts, the date is not eight digits or the terminator is not {@code aws4_request}.
     */
    static CredentialScope parse(String credential) {
        // By hand, not split("/"): this runs on every request. ends[k] is where part k ends.
        int[] ends = new int[5];
        int parts = 0;
        for (int i = credential.indexOf('/'); i >= 0; i = credential.indexOf('/', i + 1)) {
            if (parts < 4) {
                ends[parts] = i;
            }
            parts++;
        }
        parts++;
        if (parts != 5) {
            throw AwsException.incompleteSignature("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got " + parts);
        }
        ends[4] = credential.length();
        int from = 0;
        for (int end : ends) {
            if (end == from) {
                throw AwsException.incompleteSignature("Credential has an empty element; expected "
                        + "keyid/date/region/service/aws4_request");
            }
            from = end + 1;
        }
        if (ends[1] - ends[0] - 1 != 8 || !Ascii.isDigits(credential, ends[0] + 1, ends[1])) {
            throw AwsException.incompleteSignature("Credential scope date must be in yyyyMMdd format");
        }
        if (ends[4] - ends[3] - 1 != TERMINATOR.length() || !credential.startsWith(TERMINATOR, ends[3] + 1)) {
            throw AwsException.incompleteSignature("Credential should be scoped with a valid terminator: "
                    + "'aws4_request'");
        }
        return new CredentialScope(credential.substring(0, ends[0]), credential.substring(ends[0] + 1, ends[1]),
                credential.substring(ends[1] + 1, ends[2]), credential.substring(ends[2] + 1, ends[3]));
    }
}
