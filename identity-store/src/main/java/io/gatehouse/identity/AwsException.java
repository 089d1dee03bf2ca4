package io.gatehouse.identity;

/**
 * A request refused in the AWS protocols' own terms: an error code, a message safe to show the
 * caller, the HTTP status and whether the caller (Sender) or the service (Receiver) is at fault.
 * This is the "rejected input" family: the front door writes it as AWS error XML or JSON and never
 * as a 500. Messages never contain secrets.
 */
public class AwsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;
    private final boolean sender;
    private final java.util.Map<String, String> members = new java.util.LinkedHashMap<>();

    public AwsException(String code, int status, String message) {
        this(code, status, true, message);
    }

    public AwsException(String code, int status, boolean sender, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.sender = sender;
    }

    /**
     * Adds a member of the error shape besides the message (e.g. Organizations' {@code Reason}),
     * written into JSON 1.1 error bodies; returns this exception.
     */
    public AwsException with(String member, String value) {
        members.put(member, value);
        return this;
    }

    /** The error shape's members added with {@link #with}, in order. */
    public java.util.Map<String, String> members() {
        return java.util.Collections.unmodifiableMap(members);
    }

    /** The AWS error code, e.g. {@code NoSuchEntity}. */
    public String code() {
        return code;
    }

    /** The HTTP status of the error response. */
    public int status() {
        return status;
    }

    /** True when the caller is at fault ({@code <Type>Sender</Type>}). */
    public boolean sender() {
        return sender;
    }

    public static AwsException accessDenied(String message) {
        return new AwsException("AccessDenied", 403, message);
    }

    public static AwsException validation(String message) {
        return new AwsException("ValidationError", 400, message);
    }

    public static AwsException invalidInput(String message) {
        return new AwsException("InvalidInput", 400, message);
    }

    public static AwsException noSuchEntity(String message) {
        return new AwsException("NoSuchEntity", 404, message);
    }

    public static AwsException alreadyExists(String message) {
        return new AwsException("EntityAlreadyExists", 409, message);
    }

    public static AwsException limitExceeded(String message) {
        return new AwsException("LimitExceeded", 409, message);
    }

    public static AwsException deleteConflict(String message) {
        return new AwsException("DeleteConflict", 409, message);
    }

    public static AwsException malformedPolicy(String message) {
        return new AwsException("MalformedPolicyDocument", 400, message);
    }

    /** No credentials at all: neither an Authorization header nor presigned query parameters. */
    public static AwsException missingAuthenticationToken() {
        return new AwsException("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
    }

    /** The Authorization header or presigned parameters are incomplete or malformed. */
    public static AwsException incompleteSignature(String message) {
        return new AwsException("IncompleteSignature", 400, message);
    }

    /** The signature did not verify (also for unknown or inactive keys: the caller cannot tell). */
    public static AwsException signatureDoesNotMatch() {
        return new AwsException("SignatureDoesNotMatch", 403, "The request signature we calculated does not match "
                + "the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    /** A session token that is not one of ours, or does not belong to the access key. */
    public static AwsException invalidClientTokenId() {
        return new AwsException("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
    }

    public static AwsException expiredToken() {
        return new AwsException("ExpiredToken", 400, "The security token included in the request is expired");
    }

    public static AwsException requestTimeTooSkewed(String message) {
        return new AwsException("RequestTimeTooSkewed", 403, message);
    }

    public static AwsException requestExpired(String message) {
        return new AwsException("RequestExpired", 400, message);
    }

    /** A fault of ours, as AWS answers one: no detail but the request's id, for the logs. */
    public static AwsException internalFailure(String requestId) {
        return new AwsException("InternalFailure", 500, false,
                "We encountered an internal error. Please try again. (request " + requestId + ")");
    }
}
