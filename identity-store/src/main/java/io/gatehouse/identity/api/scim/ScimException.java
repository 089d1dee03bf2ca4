package io.gatehouse.identity.api.scim;

/**
 * A SCIM request refused (RFC 7644 section 3.12): the HTTP status, the {@code scimType} for 400
 * and 409 (invalidFilter, invalidSyntax, invalidPath, invalidValue, noTarget, mutability,
 * uniqueness, tooMany, ...) and a detail safe to show the client.
 */
final class ScimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String scimType;

    ScimException(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    int status() {
        return status;
    }

    String scimType() {
        return scimType;
    }

    static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail);
    }

    static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }
}
