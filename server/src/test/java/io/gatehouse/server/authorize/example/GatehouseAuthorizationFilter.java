package io.gatehouse.server.authorize.example;

import io.gatehouse.client.AuthorizationException;
import io.gatehouse.client.AuthorizationRequest;
import io.gatehouse.client.Decision;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The worked example of docs/authorization-api.md: protects every {@link Protected} endpoint by
 * asking Gatehouse about each request, signed by the caller with its Gatehouse credentials (any
 * AWS SDK, signing name {@code example}). Allowed requests go on; denied ones get 403 with AWS's
 * error code and, for a policy denial, the encoded authorization message; when Gatehouse cannot
 * decide, 503. Never lets a request through without an ALLOW.
 */
@Provider
@Protected
@Priority(Priorities.AUTHORIZATION)
public class GatehouseAuthorizationFilter implements ContainerRequestFilter {
    @Inject
    ExampleGatehouse gatehouse;
    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Protected rule = resourceInfo.getResourceMethod().getAnnotation(Protected.class);
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body)); // the endpoint still reads it
        URI uri = request.getUriInfo().getRequestUri();
        String resource = gatehouse.arnPrefix() + expand(rule.resource(), request);
        AuthorizationRequest.Builder question = AuthorizationRequest.builder()
                .method(request.getMethod())
                .path(uri.getRawPath())
                .query(uri.getRawQuery())
                .headers(request.getHeaders())
                .body(body)
                .action(rule.action())
                .resource(resource)
                .signingName("example");
        if (request.getHeaderString("Host") == null) {
            // Quarkus REST keeps Host out of the header map; SigV4 signs it, so send it as received.
            question.header("host", uri.getRawAuthority());
        }
        try {
            Decision decision = gatehouse.authorizer().authorize(question.build());
            if (!decision.allowed()) {
                request.abortWith(denied(decision));
                return;
            }
            request.setProperty("gatehouse.principal", decision.principal());
        } catch (AuthorizationException e) {
            request.abortWith(Response.status(503).type(MediaType.APPLICATION_JSON)
                    .entity("{\"code\":\"ServiceUnavailable\",\"message\":\"authorization is unavailable\"}").build());
        }
    }

    private static String expand(String template, ContainerRequestContext request) {
        String out = template;
        for (Map.Entry<String, java.util.List<String>> p : request.getUriInfo().getPathParameters().entrySet()) {
            out = out.replace("{" + p.getKey() + "}", p.getValue().get(0));
        }
        return out;
    }

    private static Response denied(Decision decision) {
        String code = decision.errorCode() != null ? decision.errorCode() : "AccessDenied";
        String encoded = decision.encodedMessage() == null ? "" : ",\"encodedMessage\":\"" + decision.encodedMessage() + "\"";
        return Response.status(403).type(MediaType.APPLICATION_JSON)
                .entity("{\"code\":\"" + code + "\",\"reason\":\"" + decision.reason() + "\"" + encoded + "}").build();
    }
}
