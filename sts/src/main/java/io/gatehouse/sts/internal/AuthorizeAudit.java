package io.gatehouse.sts.internal;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.identity.AuditIdentities;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.RequestStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The CloudTrail records of the authorization API, written through the audit log's shared
 * commit (a decision changes nothing, so it has no transaction of its own to join). Each decision is a data event
 * ({@code managementEvent} false, category Data) from {@value #EVENT_SOURCE}, named for the
 * action asked about, whose userIdentity is the client and whose additionalEventData names the
 * resource server. A call refused before any decision (the resource server may not ask) is a
 * management event named {@code Authorize} with the resource server as userIdentity. Headers are
 * never recorded: they hold the client's signature and session token.
 */
@ApplicationScoped
public class AuthorizeAudit {
    static final String EVENT_SOURCE = "gatehouse.amazonaws.com";
    private static final Logger LOG = Logger.getLogger(AuthorizeAudit.class);

    @Inject
    AuditLog auditLog;
    @Inject
    AuditIdentities identities;

    /**
     * Records a decision after it was made (a decision changes nothing, so the call has no transaction): the record
     * commits together with those of concurrent calls before the answer is sent.
     *
     * @throws io.gatehouse.audit.AuditException when it could not be stored; the decision must then
     *     not be answered
     * @throws PreconditionFailedException when a state the decision relied on moved
     *     ({@link RequestStart}): nothing was stored, decide again
     */
    public void decided(Caller server, AuthorizeQuestion q, AuthorizeAnswer answer) {
        RequestInfo client = answer.request();
        Caller caller = answer.client();
        Map<String, Object> additional = new LinkedHashMap<>();
        additional.put("resourceServer", server(server));
        additional.put("decision", answer.allowed() ? "ALLOW" : "DENY");
        if (answer.outcome() != null) {
            additional.put("outcome", answer.outcome().wireName());
        }
        String account = caller != null ? caller.accountId() : server.accountId();
        String resourceAccount = ResourceAuthorizations.resourceAccount(q.resource());
        auditLog.recordNow(AuditEvent.builder()
                .userIdentity(identities.of(caller))
                .eventTime(client.receivedAt())
                .eventSource(EVENT_SOURCE)
                .eventName(q.action())
                .awsRegion(client.region() == null ? "us-east-1" : client.region())
                .sourceIPAddress(client.sourceIp())
                .userAgent(client.userAgent())
                .requestParameters(requestParameters(q))
                .errorCode(answer.errorCode())
                .errorMessage(answer.allowed() ? null : answer.reason())
                .additionalEventData(additional)
                .requestID(client.requestId())
                .readOnly(q.method().equals("GET") || q.method().equals("HEAD"))
                .resources(List.of(new AuditEvent.Resource("Gatehouse::Resource", q.resource(),
                        resourceAccount == null ? account : resourceAccount)))
                .eventType(AuditEvent.EventType.AWS_API_CALL)
                .managementEvent(false)
                .eventCategory(AuditEvent.Category.DATA)
                .recipientAccountId(account)
                .build(), RequestStart.precondition());
    }

    /**
     * Records a call refused before a decision, in a transaction shared with concurrent calls; throws
     * only {@link PreconditionFailedException}, as {@link #decided} does.
     */
    public void refused(Caller server, AuthorizeQuestion q, RequestInfo request, String code, String message) {
        try {
            Map<String, Object> parameters = q == null ? null : requestParameters(q);
            auditLog.recordNow(AuditEvent.builder()
                    .userIdentity(identities.of(server))
                    .eventTime(request.receivedAt())
                    .eventSource(EVENT_SOURCE)
                    .eventName("Authorize")
                    .awsRegion(request.region() == null ? "us-east-1" : request.region())
                    .sourceIPAddress(request.sourceIp())
                    .userAgent(request.userAgent())
                    .requestParameters(parameters)
                    .errorCode(code)
                    .errorMessage(message)
                    .requestID(request.requestId())
                    .readOnly(true)
                    .recipientAccountId(server.accountId())
                    .build(), RequestStart.precondition());
        } catch (PreconditionFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not write the audit record of refused authorize call %s", request.requestId());
        }
    }

    private static Map<String, Object> server(Caller server) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("arn", server.principal().arn());
        out.put("accountId", server.accountId());
        out.put("principalId", server.principalId());
        out.put("accessKeyId", server.accessKeyId());
        return out;
    }

    private static Map<String, Object> requestParameters(AuthorizeQuestion q) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", q.action());
        out.put("resource", q.resource());
        out.put("httpMethod", q.method());
        out.put("path", q.path());
        if (!q.context().isEmpty()) {
            out.put("context", q.context());
        }
        out.put("resourcePolicy", q.resourcePolicy() != null);
        return out;
    }
}
