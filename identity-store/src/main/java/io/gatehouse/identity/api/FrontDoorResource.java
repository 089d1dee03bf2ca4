package io.gatehouse.identity.api;

import io.gatehouse.identity.AwsService;
import io.gatehouse.identity.JsonService;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.SignedRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The front door of the AWS APIs at {@code /}: reads the request as sent and hands it to the one
 * {@link CallPipeline} in its protocol's terms. A request with {@code X-Amz-Target} is JSON 1.1
 * ({@link JsonExchange}, routed by the target's prefix to a {@link JsonService}); any other is the
 * Query protocol ({@link QueryExchange}, routed by the SigV4 scope's service, or, unsigned, by its
 * Action, to an {@link AwsService}).
 */
@Path("/")
public class FrontDoorResource {
    @Inject
    Instance<AwsService> queryServices;
    @Inject
    Instance<JsonService> jsonServices;
    @Inject
    CallPipeline pipeline;
    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context HttpServerRequest http) {
        return serve("POST", body == null ? new byte[0] : body, headers, uri, http);
    }

    @GET
    public Response get(@Context HttpHeaders headers, @Context UriInfo uri, @Context HttpServerRequest http) {
        return serve("GET", new byte[0], headers, uri, http);
    }

    private Response serve(String method, byte[] body, HttpHeaders httpHeaders, UriInfo uri, HttpServerRequest http) {
        Map<String, List<String>> headers = lowerCased(httpHeaders);
        if (!headers.containsKey("host") && http.host() != null) {
            // HTTP/2 carries Host as the :authority pseudo-header; SigV4 signs it as "host".
            headers.put("host", List.of(http.host()));
        }
        String rawQuery = uri.getRequestUri().getRawQuery() == null ? "" : uri.getRequestUri().getRawQuery();
        SignedRequest signed = new SignedRequest(method, uri.getRequestUri().getRawPath(), rawQuery, headers, body);
        RequestInfo received = new RequestInfo(UUID.randomUUID().toString(),
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(), first(headers, "user-agent"),
                null, http.isSSL(), clock.instant());
        String target = first(headers, "x-amz-target");
        Exchange exchange = target != null ? new JsonExchange(signed, received, target, jsonServices)
                : new QueryExchange(signed, received, queryServices);
        return pipeline.serve(exchange);
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> lowerCased(HttpHeaders headers) {
        Map<String, List<String>> out = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT), values));
        return out;
    }
}
