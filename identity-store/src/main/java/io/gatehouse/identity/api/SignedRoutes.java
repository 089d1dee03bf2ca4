package io.gatehouse.identity.api;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.HttpReply;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.SignedEndpoint;
import io.gatehouse.identity.SignedRequest;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Serves every {@link SignedEndpoint} on its own Vert.x route: the body is read on the event loop
 * (up to {@link #MAX_BODY}), the endpoint answers on a worker thread in a CDI request context (the
 * store's transaction-less reads need one), and the answer is written back on the event loop.
 * JAX-RS used to do this for the front door; on the hottest calls it cost about a sixth of the
 * server's CPU, for matching, entity writing and context handling these endpoints do not use.
 */
@ApplicationScoped
public class SignedRoutes {
    private static final Logger LOG = Logger.getLogger(SignedRoutes.class);
    /** Quarkus's own default for {@code quarkus.http.limits.max-body-size}, which JAX-RS applied before. */
    static final int MAX_BODY = 10 * 1024 * 1024;

    @Inject
    Instance<SignedEndpoint> endpoints;
    @Inject
    Clock clock;

    void install(@Observes Router router) {
        for (SignedEndpoint endpoint : endpoints) {
            router.route(endpoint.path()).handler(context -> receive(context, endpoint));
        }
    }

    private void receive(RoutingContext context, SignedEndpoint endpoint) {
        HttpServerRequest http = context.request();
        String method = http.method().name();
        if (!endpoint.methods().contains(method)) {
            context.response().setStatusCode(405).putHeader("Allow", String.join(", ", endpoint.methods().stream()
                    .sorted().toList())).end();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        http.handler(chunk -> {
            if (tooLarge[0] || body.length() + chunk.length() > MAX_BODY) {
                tooLarge[0] = true;
            } else {
                body.appendBuffer(chunk);
            }
        });
        http.exceptionHandler(e -> LOG.debugf("reading a request to %s: %s", endpoint.path(), e.getMessage()));
        http.endHandler(ended -> dispatch(context, endpoint, method, tooLarge[0] ? null : body.getBytes()));
        http.resume();
    }

    /** Answers on a worker thread; {@code body} null when it was over the limit. */
    private void dispatch(RoutingContext context, SignedEndpoint endpoint, String method, byte[] body) {
        HttpServerRequest http = context.request();
        Map<String, List<String>> headers = new HashMap<>();
        http.headers().forEach(header -> headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT),
                name -> new ArrayList<>(1)).add(header.getValue()));
        if (!headers.containsKey("host") && http.host() != null) {
            // HTTP/2 carries Host as the :authority pseudo-header; SigV4 signs it as "host".
            headers.put("host", List.of(http.host()));
        }
        String rawQuery = http.query() == null ? "" : http.query();
        SignedRequest request = new SignedRequest(method, http.path(), rawQuery, headers,
                body == null ? new byte[0] : body);
        List<String> agent = headers.get("user-agent");
        RequestInfo received = new RequestInfo(UUID.randomUUID().toString(),
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                agent == null ? null : agent.get(0), null, http.isSSL(), clock.instant());
        if (body == null) {
            write(context, endpoint.refuse(request, received, new AwsException("RequestEntityTooLarge", 413,
                    "The request body is larger than " + MAX_BODY + " bytes")));
            return;
        }
        context.vertx().executeBlocking(() -> serve(endpoint, request, received), false).onComplete(done -> {
            if (done.succeeded()) {
                write(context, done.result());
            } else {
                LOG.errorf(done.cause(), "request %s to %s failed", received.requestId(), endpoint.path());
                write(context, endpoint.refuse(request, received, AwsException.internalFailure(received.requestId())));
            }
        });
    }

    private static HttpReply serve(SignedEndpoint endpoint, SignedRequest request, RequestInfo received) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            return endpoint.serve(request, received);
        } finally {
            requestContext.terminate();
        }
    }

    private static void write(RoutingContext context, HttpReply reply) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType());
        reply.headers().forEach(response::putHeader);
        response.end(reply.body());
    }
}
