package io.gatehouse.identity.api;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.HttpReply;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.SignedRequest;
import java.util.List;
import java.util.Map;

/**
 * One request at the front door, in the terms of its protocol (Query or JSON 1.1): how it is
 * routed and parsed, how the service is called, and how answers and refusals are written.
 * {@link CallPipeline} drives every exchange through the same steps: {@link #prepare},
 * authentication, {@link #invoke} and the audit record in one transaction, then {@link #ok} or
 * {@link #error}. Mutable, one per request, never shared between threads.
 */
abstract class Exchange {
    /** What the audit record says about a successful call. */
    record Outcome(boolean readOnly, Map<String, Object> responseElements, List<AwsReply.Resource> resources) {}

    final SignedRequest signed;
    final RequestInfo received;
    /** The caller and the request as authenticated; null until authentication succeeded. */
    Caller caller;
    RequestInfo request;

    Exchange(SignedRequest signed, RequestInfo received) {
        this.signed = signed;
        this.received = received;
    }

    /** Parses and routes the request; refusals (unknown operation, malformed input) as AwsException. */
    abstract void prepare();

    /** Whether the prepared operation may be called without a signature. */
    abstract boolean allowsUnsigned();

    /** The signing name the request must be scoped to, or null when routing already ensured it. */
    abstract String requiredSigningName();

    /** Whether the prepared operation only reads the store, so it runs without a transaction. */
    abstract boolean readsOnly();

    /** Calls the service, inside the request's transaction (if it has one), as {@link #caller}. */
    abstract Outcome invoke();

    /** The answer to the successful call. */
    abstract HttpReply ok();

    /** The refusal, in the protocol's error format. */
    abstract HttpReply error(AwsException e);

    /** The audit records' eventSource; null while the request is not routed. */
    abstract String eventSource();

    /** The operation (Action or X-Amz-Target operation); null when it is not known. */
    abstract String operation();

    /** The request's parameters as CloudTrail shows them; null when there are none or they did not parse. */
    abstract Map<String, Object> requestParameters();

    /** The request as known so far: authenticated if it got that far. */
    RequestInfo currentRequest() {
        return request == null ? received : request;
    }

    String requestId() {
        return received.requestId();
    }
}
