package io.gatehouse.identity.api;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.AwsService;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.internal.auth.AccessKeyCache;
import io.gatehouse.identity.persistence.PersistenceErrors;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.QueryXml;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The front door of the AWS Query-protocol APIs at {@code /}: reads the request as sent, routes it
 * by the SigV4 scope's service (or, unsigned, by its Action), authenticates, runs the call in one
 * transaction together with its audit record, and answers in AWS's XML — errors included, never a
 * stack trace.
 */
@Path("/")
public class FrontDoorResource {
    private static final Logger LOG = Logger.getLogger(FrontDoorResource.class);
    private static final String FALLBACK_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    @Inject
    Instance<AwsService> services;
    @Inject
    Authentication authentication;
    @Inject
    CallAudit audit;
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

    /** What is known of one request as it is served, for the answer and the audit record. */
    private static final class Attempt {
        final RequestInfo received;
        AwsService service;
        String action;
        QueryParams params;
        AwsCall call;
        AccessKeyCache.Entry usedKey;

        Attempt(RequestInfo received) {
            this.received = received;
        }

        Caller caller() {
            return call == null ? null : call.caller();
        }

        RequestInfo request() {
            return call == null ? received : call.request();
        }
    }

    private Response serve(String method, byte[] body, HttpHeaders httpHeaders, UriInfo uri, HttpServerRequest http) {
        String requestId = UUID.randomUUID().toString();
        Map<String, List<String>> headers = lowerCased(httpHeaders);
        if (!headers.containsKey("host") && http.host() != null) {
            // HTTP/2 carries Host as the :authority pseudo-header; SigV4 signs it as "host".
            headers.put("host", List.of(http.host()));
        }
        String rawQuery = uri.getRequestUri().getRawQuery() == null ? "" : uri.getRequestUri().getRawQuery();
        Attempt attempt = new Attempt(new RequestInfo(requestId,
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(), first(headers, "user-agent"),
                null, http.isSSL(), clock.instant()));
        try {
            prepare(attempt, headers, rawQuery, body);
            SignedRequest signed = new SignedRequest(method, uri.getRequestUri().getRawPath(), rawQuery, headers, body);
            AwsReply reply = QuarkusTransaction.requiringNew().call(() -> execute(attempt, signed));
            return Response.ok(QueryXml.response(attempt.service.namespace(), attempt.action, reply.resultXml(),
                    requestId), "text/xml").build();
        } catch (AwsException e) {
            return refuse(attempt, e);
        } catch (RuntimeException e) {
            return failed(attempt, e);
        } finally {
            writeUse(attempt);
        }
    }

    /** A failure that is not an AWS refusal: a translated constraint violation, or a fault of ours. */
    private Response failed(Attempt attempt, RuntimeException e) {
        AwsException refused = PersistenceErrors.translate(e).orElse(null);
        if (refused != null) {
            return refuse(attempt, refused);
        }
        String requestId = attempt.received.requestId();
        LOG.errorf(e, "request %s (%s) failed", requestId, attempt.action);
        return refuse(attempt, new AwsException("InternalFailure", 500, false,
                "We encountered an internal error. Please try again. (request " + requestId + ")"));
    }

    /** The key's last use, after the request's transaction; a failure here never fails the call. */
    private void writeUse(Attempt attempt) {
        if (attempt.usedKey == null) {
            return;
        }
        try {
            authentication.writeUse(attempt.usedKey);
        } catch (RuntimeException e) {
            LOG.warnf("could not record the last use of access key %s: %s", attempt.usedKey.keyId(), e.getMessage());
        }
    }

    /** Parses the parameters and finds the service and action; refusals as AWS words them. */
    private void prepare(Attempt attempt, Map<String, List<String>> headers, String rawQuery, byte[] body) {
        attempt.params = QueryParams.parse(rawQuery, isForm(headers) ? new String(body, StandardCharsets.UTF_8) : "");
        attempt.action = attempt.params.optional("Action").orElse(null);
        attempt.service = route(headers, attempt.params, attempt.action);
        if (attempt.action == null) {
            throw new AwsException("MissingAction", 400, "Missing Action");
        }
        if (!attempt.service.handles(attempt.action)) {
            throw new AwsException("InvalidAction", 400, "Could not find operation " + attempt.action
                    + " for version " + attempt.params.optional("Version").orElse("(none)"));
        }
    }

    /** In the request's one transaction: authentication, the call, and its audit record. */
    private AwsReply execute(Attempt attempt, SignedRequest signed) {
        Authentication.Result auth = authentication.authenticate(attempt.service, attempt.action, signed);
        attempt.usedKey = auth.usedKey();
        RequestInfo received = attempt.received;
        attempt.call = new AwsCall(attempt.action, attempt.params, auth.caller(), new RequestInfo(received.requestId(),
                received.sourceIp(), received.userAgent(), auth.region(), received.secureTransport(),
                received.receivedAt()));
        AwsReply reply = attempt.service.handle(attempt.call);
        audit.success(attempt.service, attempt.call, reply);
        return reply;
    }

    /** The call's changes rolled back; its refusal is recorded on its own and answered. */
    private Response refuse(Attempt attempt, AwsException e) {
        audit.failure(attempt.service, attempt.action, attempt.params, attempt.caller(), attempt.request(), e.code(),
                e.getMessage());
        return error(attempt.service, e, attempt.received.requestId());
    }

    private AwsService route(Map<String, List<String>> headers, QueryParams params, String action) {
        if (headers.containsKey("x-amz-target")) {
            throw new AwsException("UnknownOperationException", 400, "JSON protocol operations are not served yet");
        }
        String signingName = CredentialScope.service(headers, params.optional("X-Amz-Credential").orElse(null));
        for (AwsService candidate : services) {
            if (signingName != null ? candidate.signingName().equals(signingName)
                    : action != null && candidate.allowsUnsigned(action)) {
                return candidate;
            }
        }
        if (signingName == null) {
            throw AwsException.missingAuthenticationToken();
        }
        throw new AwsException("InvalidAction", 400, "No service is served here under the signing name " + signingName);
    }

    private static Response error(AwsService service, AwsException e, String requestId) {
        String namespace = service == null ? FALLBACK_NAMESPACE : service.namespace();
        return Response.status(e.status()).entity(QueryXml.error(namespace, e, requestId)).type("text/xml").build();
    }

    private static boolean isForm(Map<String, List<String>> headers) {
        String type = first(headers, "content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> lowerCased(HttpHeaders headers) {
        Map<String, List<String>> out = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> out.put(name.toLowerCase(Locale.ROOT), values));
        return out;
    }
}
