package io.gatehouse.identity.api;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.PreconditionFailedException;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.RequestStart;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.persistence.AccountEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The CloudTrail record of every front-door call: written in the call's own transaction when it
 * succeeds, and in a transaction of its own when it was refused or failed (the call's changes
 * rolled back, the record of the attempt stays). Secrets are redacted by the audit log itself.
 */
@ApplicationScoped
public class CallAudit {
    private static final Logger LOG = Logger.getLogger(CallAudit.class);

    @Inject
    AuditLog auditLog;

    private volatile String managementAccount;

    /**
     * Records a successful call that changed something; must run inside the call's transaction,
     * provided that what the call relied on still holds ({@link RequestStart#precondition()}; checked
     * by the record's INSERT). A read-only call's record is left to {@link #readOnlySuccess}, after
     * its transaction.
     *
     * @throws PreconditionFailedException when it does not: nothing was recorded, and the
     *     transaction is marked for rollback
     */
    void success(Exchange exchange, Exchange.Outcome outcome) {
        if (!outcome.readOnly()) {
            auditLog.record(event(exchange, outcome), RequestStart.precondition());
        }
    }

    /**
     * Records a successful read-only call, outside any transaction: its record commits together with
     * those of concurrent calls, before the answer is sent, provided that what the call relied on
     * still holds ({@link RequestStart#precondition()}).
     *
     * @throws PreconditionFailedException when it does not: nothing was recorded
     */
    void readOnlySuccess(Exchange exchange, Exchange.Outcome outcome) {
        auditLog.recordNow(event(exchange, outcome), RequestStart.precondition());
    }

    private AuditEvent event(Exchange exchange, Exchange.Outcome outcome) {
        return base(exchange)
                .readOnly(outcome.readOnly())
                .responseElements(outcome.responseElements())
                .resources(outcome.resources().stream()
                        .map(r -> new AuditEvent.Resource(r.type(), r.arn(), r.accountId())).toList())
                .build();
    }

    /**
     * Records a refused or failed call (its changes rolled back) in a transaction shared with
     * concurrent calls, provided that what the refusal relied on still holds; throws nothing else.
     *
     * @throws PreconditionFailedException when it does not: nothing was recorded
     */
    void failure(Exchange exchange, String errorCode, String errorMessage) {
        try {
            auditLog.recordNow(base(exchange)
                    .readOnly(readsOnly(exchange.operation()))
                    .errorCode(errorCode)
                    .errorMessage(errorMessage)
                    .build(), RequestStart.precondition());
        } catch (PreconditionFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not write the audit record of refused request %s", exchange.requestId());
        }
    }

    /** A refused call's readOnly, judged by its name as AWS names operations. */
    static boolean readsOnly(String operation) {
        return operation != null && (operation.startsWith("Get") || operation.startsWith("List")
                || operation.startsWith("Describe") || operation.startsWith("Lookup")
                || operation.startsWith("BatchGet"));
    }

    private AuditEvent.Builder base(Exchange exchange) {
        Caller caller = exchange.caller;
        RequestInfo request = exchange.currentRequest();
        String source = exchange.eventSource();
        String operation = exchange.operation();
        Map<String, Object> parameters;
        try {
            parameters = exchange.requestParameters();
        } catch (RuntimeException e) {
            parameters = null;
        }
        return AuditEvent.builder()
                .userIdentity(identity(caller))
                .eventTime(request.receivedAt())
                .eventSource(source == null ? "unknown" : source)
                .eventName(operation == null ? "Unknown" : operation)
                .awsRegion(request.region() == null ? "us-east-1" : request.region())
                .sourceIPAddress(request.sourceIp())
                .userAgent(request.userAgent())
                .requestParameters(parameters)
                .requestID(request.requestId())
                .eventType(AuditEvent.EventType.AWS_API_CALL)
                .managementEvent(true)
                .eventCategory(AuditEvent.Category.MANAGEMENT)
                .recipientAccountId(caller == null ? instanceAccount() : caller.accountId());
    }

    /**
     * Where records of calls without an authenticated caller go (bad signatures, unknown keys,
     * unsigned requests): the management account, whose administrators watch the instance.
     */
    private String instanceAccount() {
        String account = managementAccount;
        if (account == null) {
            account = QuarkusTransaction.requiringNew().call(() -> AccountEntity.<AccountEntity>find("management", true)
                    .firstResultOptional().map(a -> a.id).orElse("000000000000"));
            managementAccount = account;
        }
        return account;
    }

    static UserIdentity identity(Caller caller) {
        if (caller == null) {
            return UserIdentity.builder(UserIdentity.Type.UNKNOWN).build();
        }
        UserIdentity.Builder builder = UserIdentity.builder(UserIdentity.Type.fromWireName(caller.identityType()))
                .principalId(caller.principalId())
                .arn(caller.principal().arn())
                .accountId(caller.accountId())
                .accessKeyId(caller.accessKeyId())
                .userName(caller.userName());
        Session session = caller.session();
        if (session != null) {
            boolean role = session.sourceArn() != null && session.sourceArn().contains(":role/");
            String issuerName = session.sourceArn() == null ? null
                    : session.sourceArn().substring(session.sourceArn().lastIndexOf('/') + 1);
            String issuerId = session.sourceId() != null ? session.sourceId()
                    : session.principalId() == null ? null : session.principalId().split(":")[0];
            builder.sessionContext(new UserIdentity.SessionContext(
                    new UserIdentity.SessionIssuer(role ? "Role" : "IAMUser", issuerId, session.sourceArn(),
                            session.accountId(), issuerName),
                    new UserIdentity.SessionAttributes(session.issuedAt(), session.mfa()),
                    session.sourceIdentity()));
        }
        return builder.build();
    }
}
