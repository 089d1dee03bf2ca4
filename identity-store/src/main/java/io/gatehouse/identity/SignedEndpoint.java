package io.gatehouse.identity;

import java.util.Set;

/**
 * An HTTP endpoint whose requests are read whole and carry (or may carry) a SigV4 signature: the
 * AWS front door at {@code /}, and other modules' signed APIs such as {@code POST /v1/authorize}.
 * identity-store serves every bean of this type on a plain Vert.x route rather than through
 * JAX-RS: these are the busiest paths of the server, and the request needs nothing JAX-RS adds.
 * {@link #serve} runs on a worker thread with a CDI request context active.
 */
public interface SignedEndpoint {
    /** The exact path served, e.g. {@code /v1/authorize}. */
    String path();

    /** The methods served, upper case; any other is answered 405 with {@code Allow}. */
    default Set<String> methods() {
        return Set.of("POST");
    }

    /** The answer to one request, refusals included; it does not throw. */
    HttpReply serve(SignedRequest request, RequestInfo received);

    /**
     * A refusal before {@link #serve} (a body over the size limit, or a fault of ours), in this
     * endpoint's error format; {@code request} is what was read of it, without its body.
     */
    HttpReply refuse(SignedRequest request, RequestInfo received, AwsException e);
}
