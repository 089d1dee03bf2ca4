package io.gatehouse.identity.api;

import io.gatehouse.audit.AuditEvent;
import io.gatehouse.audit.AuditLog;
import io.gatehouse.audit.UserIdentity;
import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.AwsService;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.RequestInfo;
import io.gatehouse.identity.Session;
import io.gatehouse.identity.persistence.AccountEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** Records a successful call; must run inside the call's transaction. */
    void success(AwsService service, AwsCall call, AwsReply reply) {
        auditLog.record(base(service, call.action(), call.params(), call.caller(), call.request())
                .readOnly(reply.readOnly())
                .responseElements(reply.responseElements())
                .resources(reply.resources().stream()
                        .map(r -> new AuditEvent.Resource(r.type(), r.arn(), r.accountId())).toList())
                .build());
    }

    /** Records a refused or failed call in a transaction of its own; never throws. */
    void failure(AwsService service, String action, QueryParams params, Caller caller, RequestInfo request,
            String errorCode, String errorMessage) {
        try {
            QuarkusTransaction.requiringNew().run(() -> auditLog.record(base(service, action, params, caller, request)
                    .readOnly(action != null && (action.startsWith("Get") || action.startsWith("List")))
                    .errorCode(errorCode)
                    .errorMessage(errorMessage)
                    .build()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not write the audit record of refused request %s", request.requestId());
        }
    }

    private AuditEvent.Builder base(AwsService service, String action, QueryParams params, Caller caller,
            RequestInfo request) {
        return AuditEvent.builder()
                .userIdentity(identity(caller))
                .eventTime(request.receivedAt())
                .eventSource(service == null ? "unknown" : service.eventSource())
                .eventName(action == null ? "Unknown" : action)
                .awsRegion(request.region() == null ? "us-east-1" : request.region())
                .sourceIPAddress(request.sourceIp())
                .userAgent(request.userAgent())
                .requestParameters(params == null ? null : requestParameters(params))
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
            String issuerId = session.principalId() == null ? null : session.principalId().split(":")[0];
            builder.sessionContext(new UserIdentity.SessionContext(
                    new UserIdentity.SessionIssuer(role ? "Role" : "IAMUser", issuerId, session.sourceArn(),
                            session.accountId(), issuerName),
                    new UserIdentity.SessionAttributes(session.issuedAt(), session.mfa()),
                    session.sourceIdentity()));
        }
        return builder.build();
    }

    /**
     * The request's parameters as CloudTrail shows them: lower-camel names, {@code X.member.N}
     * lists as arrays; the protocol's own Action, Version and signing parameters left out.
     */
    static Map<String, Object> requestParameters(QueryParams params) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Object>> lists = new LinkedHashMap<>();
        params.all().forEach((name, value) -> {
            if (name.equals("Action") || name.equals("Version") || name.startsWith("X-Amz-")) {
                return;
            }
            int member = name.indexOf(".member.");
            if (member < 0) {
                out.put(camel(name), value);
                return;
            }
            String list = camel(name.substring(0, member));
            String rest = name.substring(member + ".member.".length());
            int dot = rest.indexOf('.');
            int index;
            try {
                index = Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot));
            } catch (NumberFormatException e) {
                return;
            }
            TreeMap<Integer, Object> items = lists.computeIfAbsent(list, k -> new TreeMap<>());
            if (dot < 0) {
                items.put(index, value);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> struct = (Map<String, Object>) items.computeIfAbsent(index, i -> new LinkedHashMap<>());
                struct.put(camel(rest.substring(dot + 1)), value);
            }
        });
        lists.forEach((name, items) -> out.put(name, new ArrayList<>(items.values())));
        return out.isEmpty() ? null : out;
    }

    private static String camel(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

}
