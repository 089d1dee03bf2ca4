package io.gatehouse.identity.api;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsService;
import io.gatehouse.identity.HttpReply;
import io.gatehouse.identity.JsonService;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.SignedEndpoint;
import io.gatehouse.identity.SignedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The front door of the AWS APIs at {@code /}: hands the request as sent to the one
 * {@link CallPipeline} in its protocol's terms. A request with {@code X-Amz-Target} is JSON 1.1
 * ({@link JsonExchange}, routed by the target's prefix to a {@link JsonService}); any other is the
 * Query protocol ({@link QueryExchange}, routed by the SigV4 scope's service, or, unsigned, by its
 * Action, to an {@link AwsService}). GET serves presigned Query calls.
 */
@ApplicationScoped
public class FrontDoor implements SignedEndpoint {
    @Inject
    Instance<AwsService> queryServices;
    @Inject
    Instance<JsonService> jsonServices;
    @Inject
    CallPipeline pipeline;

    @Override
    public String path() {
        return "/";
    }

    @Override
    public Set<String> methods() {
        return Set.of("GET", "POST");
    }

    @Override
    public HttpReply serve(SignedRequest request, RequestInfo received) {
        return pipeline.serve(exchange(request, received));
    }

    @Override
    public HttpReply refuse(SignedRequest request, RequestInfo received, AwsException e) {
        return exchange(request, received).error(e);
    }

    private Exchange exchange(SignedRequest request, RequestInfo received) {
        String target = first(request.headers(), "x-amz-target");
        return target != null ? new JsonExchange(request, received, target, jsonServices)
                : new QueryExchange(request, received, queryServices);
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
