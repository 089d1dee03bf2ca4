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

    /**
     * Whether the action only reads the store. Such a call runs without a transaction: each read
     * sees the latest committed state, as AWS's own reads are eventually consistent, and saves the
     * transaction's round trips. Anything it must write (an MFA code's use) runs in a transaction
     * of its own; its audit record commits with those of concurrent calls before the answer.
     */
    default boolean readsOnly(String action) {
        return false;
    }

    /**
     * Performs the call inside the front door's transaction (none for {@link #readsOnly} actions);
     * refusals are {@link AwsException}s.
     */
    AwsReply handle(AwsCall call);
}
