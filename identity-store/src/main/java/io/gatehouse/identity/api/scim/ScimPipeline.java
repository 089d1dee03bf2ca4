package io.gatehouse.identity.api.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.identity.internal.workforce.DirectoryException;
import io.gatehouse.identity.internal.workforce.IdentityStores;
import io.gatehouse.identity.internal.workforce.ScimTokens;
import io.gatehouse.identity.persistence.PersistenceErrors;
import io.gatehouse.identity.persistence.ScimTokenEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What every SCIM request goes through: the bearer token (unknown, revoked or expired: 401), the
 * operation in one transaction with its audit record (eventSource {@code identitystore.amazonaws.com},
 * userIdentity the token; a read's record commits after it, a refusal's on its own), and every
 * refusal in SCIM's error format ({@code urn:ietf:params:scim:api:messages:2.0:Error} with
 * {@code status}, {@code scimType}, {@code detail}); a fault of ours is a 500 without a stack trace.
 * SCIM is authorized by its token, as AWS's SCIM endpoint is: a token may manage the whole store.
 */
@ApplicationScoped
class ScimPipeline {
    static final String CONTENT_TYPE = "application/scim+json";
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String EVENT_SOURCE = "identitystore.amazonaws.com";
    private static final Logger LOG = Logger.getLogger(ScimPipeline.class);

    @Inject
    ScimTokens tokens;
    @Inject
    IdentityStores stores;
    @Inject
    AuditLog auditLog;
    @Inject
    Clock clock;

    /** One SCIM request as the operations see it. */
    record Call(String storeId, String accountId, String base, String actor) {}

    /** A successful answer: status, body (null for 204), ETag, and the resource for the audit record. */
    record Reply(int status, ObjectNode body, String etag, String resourceType, String resourceId) {
        static Reply ok(ObjectNode body, String etag) {
            return new Reply(200, body, etag, null, null);
        }
    }

    /** The request's facts for the audit record. */
    record Request(String method, String path, String query, String authorization, String sourceIp,
            String userAgent) {}

    interface Operation {
        Reply run(Call call);
    }

    Response serve(String eventName, boolean readOnly, Request request, String base, Operation operation) {
        String requestId = UUID.randomUUID().toString();
        Instant receivedAt = clock.instant();
        ScimTokenEntity[] token = new ScimTokenEntity[1];
        IdentityStores.Store store = stores.current();
        if (store == null) {
            return error(new ScimException(503, null, "The identity store is not set up yet."));
        }
        try {
            Reply reply;
            for (int attempt = 1; ; attempt++) {
                try {
                    reply = QuarkusTransaction.requiringNew().call(() -> {
                        token[0] = tokens.authenticate(bearer(request.authorization())).orElseThrow(() ->
                                new ScimException(401, null, "The bearer token is missing, unknown, revoked or expired."));
                        Reply done = operation.run(new Call(store.id(), store.accountId(), base,
                                "scim-token/" + token[0].id));
                        if (!readOnly) {
                            auditLog.record(event(eventName, false, request, requestId, receivedAt, token[0], store,
                                    done, null, null));
                        }
                        return done;
                    });
                    break;
                } catch (RuntimeException e) {
                    // A deadlock victim's changes were rolled back whole: run the request again.
                    if (attempt >= PersistenceErrors.ATTEMPTS || !PersistenceErrors.isTransient(e)) {
                        throw e;
                    }
                    PersistenceErrors.backOff(attempt);
                }
            }
            if (readOnly) {
                auditLog.recordNow(event(eventName, true, request, requestId, receivedAt, token[0], store, reply,
                        null, null));
            }
            Response.ResponseBuilder out = Response.status(reply.status());
            if (reply.body() != null) {
                out.entity(reply.body().toString()).type(CONTENT_TYPE);
            }
            if (reply.etag() != null) {
                out.header("ETag", reply.etag());
            }
            if (reply.status() == 201 && reply.body() != null && reply.body().path("meta").has("location")) {
                out.header("Location", reply.body().path("meta").path("location").asText());
            }
            return out.build();
        } catch (ScimException e) {
            return refuse(eventName, readOnly, request, requestId, receivedAt, token[0], store, e);
        } catch (DirectoryException e) {
            return refuse(eventName, readOnly, request, requestId, receivedAt, token[0], store, translate(e));
        } catch (RuntimeException e) {
            if (PersistenceErrors.translate(e).isPresent()) {
                return refuse(eventName, readOnly, request, requestId, receivedAt, token[0], store,
                        new ScimException(409, "uniqueness", "A concurrent request claimed the same name."));
            }
            LOG.errorf(e, "SCIM request %s (%s) failed", requestId, eventName);
            return refuse(eventName, readOnly, request, requestId, receivedAt, token[0], store,
                    new ScimException(500, null, "Internal error (request " + requestId + ")"));
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : null;
    }

    static ScimException translate(DirectoryException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> ScimException.notFound("Resource " + e.resourceType() + " not found");
            case CONFLICT -> new ScimException(409, "uniqueness", e.getMessage());
            case INVALID -> ScimException.badRequest("invalidValue", e.getMessage());
        };
    }

    private Response refuse(String eventName, boolean readOnly, Request request, String requestId, Instant at,
            ScimTokenEntity token, IdentityStores.Store store, ScimException e) {
        try {
            auditLog.recordNow(event(eventName, readOnly, request, requestId, at, token, store, null,
                    e.scimType() != null ? e.scimType() : String.valueOf(e.status()), e.getMessage()));
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "could not write the audit record of refused SCIM request %s", requestId);
        }
        return error(e);
    }

    static Response error(ScimException e) {
        ObjectNode body = ScimUsers.MAPPER.createObjectNode();
        body.putArray("schemas").add(ERROR_SCHEMA);
        body.put("status", String.valueOf(e.status()));
        if (e.scimType() != null) {
            body.put("scimType", e.scimType());
        }
        body.put("detail", e.getMessage());
        Response.ResponseBuilder out = Response.status(e.status()).entity(body.toString()).type(CONTENT_TYPE);
        if (e.status() == 401) {
            out.header("WWW-Authenticate", "Bearer realm=\"scim\"");
        }
        return out.build();
    }

    private static AuditEvent event(String eventName, boolean readOnly, Request request, String requestId,
            Instant at, ScimTokenEntity token, IdentityStores.Store store, Reply reply, String errorCode,
            String errorMessage) {
        String account = store == null ? null : store.accountId();
        UserIdentity.Builder identity = UserIdentity.builder(UserIdentity.Type.UNKNOWN)
                .invokedBy("scim.identitystore.amazonaws.com").accountId(account);
        if (token != null) {
            identity.principalId("ScimAccessToken/" + token.id);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("httpMethod", request.method());
        parameters.put("path", request.path());
        if (request.query() != null && !request.query().isEmpty()) {
            parameters.put("query", request.query());
        }
        AuditEvent.Builder event = AuditEvent.builder()
                .userIdentity(identity.build())
                .eventTime(at)
                .eventSource(EVENT_SOURCE)
                .eventName(eventName)
                .awsRegion("us-east-1")
                .sourceIPAddress(request.sourceIp())
                .userAgent(request.userAgent())
                .requestParameters(parameters)
                .additionalEventData(Map.of("protocol", "SCIM"))
                .requestID(requestId)
                .readOnly(readOnly)
                .eventType(AuditEvent.EventType.AWS_API_CALL)
                .managementEvent(true)
                .eventCategory(AuditEvent.Category.MANAGEMENT)
                .recipientAccountId(account == null ? "000000000000" : account);
        if (errorCode != null) {
            event.errorCode(errorCode).errorMessage(errorMessage);
        }
        if (reply != null && reply.resourceId() != null) {
            event.resources(List.of(new AuditEvent.Resource(reply.resourceType(),
                    "arn:aws:identitystore:::" + (reply.resourceType().endsWith("User") ? "user/" : "group/")
                            + reply.resourceId(), account)));
        }
        return event.build();
    }
}
