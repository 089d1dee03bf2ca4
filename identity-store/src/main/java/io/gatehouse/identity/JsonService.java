package io.gatehouse.identity;

/**
 * An AWS API of the JSON 1.1 protocol served through the front door (CloudTrail, and later
 * Organizations, Identity Store, SSO admin), found as a CDI bean. The front door routes a request
 * by its {@code X-Amz-Target: <targetPrefix>.<Operation>} header, parses the JSON body (refusing
 * malformed JSON with SerializationException), authenticates it (SigV4, scoped to
 * {@link #signingName()}), runs {@link #handle} in one transaction with the call's audit record,
 * and writes the reply, or an {@link AwsException} as AWS's JSON error
 * ({@code {"__type": code, "message": ...}} with the exception's status).
 *
 * <p>Every call must be signed: JSON services have no unsigned operations. Authorization is the
 * service's own, with {@link Authorizer}, as for the Query services.
 */
public interface JsonService {
    /** The X-Amz-Target prefix, e.g. {@code com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101}. */
    String targetPrefix();

    /** The SigV4 signing name requests must be scoped to, e.g. {@code cloudtrail}. */
    String signingName();

    /** The audit records' eventSource, e.g. {@code cloudtrail.amazonaws.com}. */
    String eventSource();

    /** Whether the operation is known (unknown ones get UnknownOperationException). */
    boolean handles(String operation);

    /**
     * Performs the call inside the front door's transaction. Refusals are {@link AwsException}s
     * with the service model's codes (ValidationException, InvalidParameterException, ...).
     */
    JsonReply handle(JsonCall call);
}
