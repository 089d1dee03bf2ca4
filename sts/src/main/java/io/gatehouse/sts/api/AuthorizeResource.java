package io.gatehouse.sts.api;

import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestAuthenticator;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.RequestStart;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.sts.internal.AuthorizeAnswer;
import io.gatehouse.sts.internal.AuthorizeAudit;
import io.gatehouse.sts.internal.AuthorizeQuestion;
import io.gatehouse.sts.internal.ResourceAuthorizations;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/authorize}: a resource server, signing with its own Gatehouse credentials
 * (SigV4 over the JSON body, any signing name), asks whether the client request it forwards may do
 * an action on a resource. Reads only, without a transaction; its data event is committed before the answer
 * (a decision that could not be recorded is answered 500, not ALLOW). Answers
 * JSON (docs/authorization-api.md): 200 with {@code ALLOW} or {@code DENY} for every question
 * that could be asked, including a client signature that does not verify; 4xx
 * {@code {"__type", "message"}} when the resource server itself is refused (its signature, its
 * {@code gatehouse:Authorize} permission, a malformed body); never a stack trace.
 */
@Path("/v1/authorize")
public class AuthorizeResource {
    private static final Logger LOG = Logger.getLogger(AuthorizeResource.class);
    private static final int MAX_BODY = 256 * 1024;

    @Inject
    RequestAuthenticator authenticator;
    @Inject
    ResourceAuthorizations authorizations;
    @Inject
    AuthorizeAudit audit;
    @Inject
    Clock clock;

    /** What is known of the call when it is refused, for its audit record. */
    private static final class Attempt {
        Caller server;
        RequestInfo request;
        AuthorizeQuestion question;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response authorize(byte[] body, @Context HttpHeaders httpHeaders, @Context UriInfo uri,
            @Context HttpServerRequest http) {
        byte[] bytes = body == null ? new byte[0] : body;
        Map<String, List<String>> headers = lowerCased(httpHeaders);
        if (!headers.containsKey("host") && http.host() != null) {
            headers.put("host", List.of(http.host()));
        }
        String rawQuery = uri.getRequestUri().getRawQuery() == null ? "" : uri.getRequestUri().getRawQuery();
        SignedRequest signed = new SignedRequest("POST", uri.getRequestUri().getRawPath(), rawQuery, headers, bytes);
        String requestId = UUID.randomUUID().toString();
        String sourceIp = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        String userAgent = headers.containsKey("user-agent") ? headers.get("user-agent").get(0) : null;
        boolean secure = http.isSSL();
        return RequestStart.serve(() -> decide(signed, bytes, requestId, sourceIp, userAgent, secure));
    }

    /**
     * One attempt at the call.
     *
     * @throws PreconditionFailedException when it relied on a state that moved ({@link RequestStart})
     */
    private Response decide(SignedRequest signed, byte[] bytes, String requestId, String sourceIp, String userAgent,
            boolean secure) {
        Attempt attempt = new Attempt();
        try {
            if (bytes.length > MAX_BODY) {
                throw new AwsException("RequestEntityTooLarge", 413, "The request body is larger than " + MAX_BODY
                        + " bytes");
            }
            // Reads only, so no transaction: each read autocommits, and the record commits with
            // concurrent ones below.
            RequestAuthenticator.Authenticated server = authenticator.authenticate(signed);
            attempt.server = server.caller();
            attempt.request = new RequestInfo(requestId, sourceIp, userAgent, server.region(), secure,
                    clock.instant());
            attempt.question = AuthorizeJson.parse(bytes);
            AuthorizeAnswer answer = authorizations.authorize(attempt.server, attempt.request, attempt.question);
            audit.decided(attempt.server, attempt.question, answer); // committed before the answer
            return json(200, AuthorizeJson.answer(answer));
        } catch (AwsException e) {
            if (attempt.server != null) {
                audit.refused(attempt.server, attempt.question, attempt.request, e.code(), e.getMessage());
            }
            return json(e.status(), AuthorizeJson.error(e, requestId));
        } catch (PreconditionFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "authorize request %s failed", requestId);
            return json(500, AuthorizeJson.error(new AwsException("InternalFailure", 500, false,
                    "We encountered an internal error. Please try again. (request " + requestId + ")"), requestId));
        }
    }

    private static Response json(int status, String body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    private static Map<String, List<String>> lowerCased(HttpHeaders headers) {
        Map<String, List<String>> out = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT), values));
        return out;
    }
}
