package io.gatehouse.identity;

/**
 * An AWS API served through the front door (IAM, STS, ...), found as a CDI bean. The front door
 * authenticates (SigV4), routes by the signing scope's service (or the Action of an unsigned
 * call), writes the audit record in the call's transaction, and turns {@link AwsException}s into
 * the protocol's error document.
 */
public interface AwsService {
    /** The SigV4 signing name this service answers to, e.g. {@code iam}. */
    String signingName();

    /** The Query protocol's XML namespace, e.g. {@code https://iam.amazonaws.com/doc/2010-05-08/}. */
    String namespace();

    /** The audit records' eventSource, e.g. {@code iam.amazonaws.com}. */
    String eventSource();

    /** Whether the action is known to this service (unknown ones get InvalidAction). */
    boolean handles(String action);

    /** Whether the action may be called without a signature (AssumeRoleWithSAML, ...). */
    default boolean allowsUnsigned(String action) {
        return false;
    }

    /** Performs the call inside the front door's transaction; refusals are {@link AwsException}s. */
    AwsReply handle(AwsCall call);
}
