package io.gatehouse.identity.internal.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.sso.SsoAdminService.SsoCall;
import io.gatehouse.identity.persistence.AccountAssignmentEntity;
import io.gatehouse.identity.persistence.PermissionSetEntity;
import io.gatehouse.identity.persistence.ProvisionedPermissionSetEntity;
import io.gatehouse.identity.persistence.SsoRequestEntity;
import io.gatehouse.identity.persistence.WsGroupEntity;
import io.gatehouse.identity.persistence.WsUserEntity;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * CreateAccountAssignment, DeleteAccountAssignment, their listings, ProvisionPermissionSet and
 * the status calls. Provisioning is synchronous: the answer's status is already SUCCEEDED or
 * FAILED (with a FailureReason), kept by RequestId for the Describe/List...Status calls. An
 * assignment provisions its permission set into the account when it is not there yet; deleting the
 * last assignment of a permission set in an account removes its role there, as AWS does.
 */
@ApplicationScoped
public class AssignmentOperations {
    static final Set<String> PRINCIPAL_TYPES = Set.of("USER", "GROUP");
    static final Set<String> TARGET_TYPES = Set.of("AWS_ACCOUNT");
    static final Set<String> PROVISION_TARGETS = Set.of("AWS_ACCOUNT", "ALL_PROVISIONED_ACCOUNTS");
    static final Set<String> PROVISIONING_STATUSES = Set.of("LATEST_PERMISSION_SET_PROVISIONED",
            "LATEST_PERMISSION_SET_NOT_PROVISIONED");
    static final Set<String> STATUSES = Set.of("IN_PROGRESS", "FAILED", "SUCCEEDED");
    static final String CREATE = "CREATE";
    static final String DELETE = "DELETE";
    static final String PROVISION = "PROVISION";

    @Inject
    Provisioning provisioning;
    @Inject
    Clock clock;

    /** The assignment a Create/DeleteAccountAssignment call names, checked and authorized. */
    private record Named(String accountId, PermissionSetEntity ps, String principalType, String principalId) {}

    private Named named(SsoCall call) {
        JsonNode in = call.in();
        String target = SsoInput.requiredChecked(in, "TargetId", 12, 12, SsoInput.ACCOUNT_ID);
        SsoInput.enumeration(in, "TargetType", TARGET_TYPES, true);
        String psArn = SsoInput.requiredChecked(in, "PermissionSetArn", 10, 1224, SsoInput.PERMISSION_SET_ARN);
        String type = SsoInput.enumeration(in, "PrincipalType", PRINCIPAL_TYPES, true);
        String principal = SsoInput.requiredChecked(in, "PrincipalId", 1, 47, SsoInput.PRINCIPAL_ID);
        PermissionSetEntity ps = PermissionSetOperations.target(call, psArn);
        call.authorizeAccount(target);
        call.requireActiveAccount(target);
        String store = call.instance().storeId();
        boolean exists = type.equals("USER") ? WsUserEntity.byId(store, principal).isPresent()
                : WsGroupEntity.byId(store, principal).isPresent();
        if (!exists) {
            throw SsoInput.notFound(type + " " + principal + " does not exist in the identity store.");
        }
        return new Named(target, ps, type, principal);
    }

    JsonReply create(SsoCall call) {
        Named n = named(call);
        PermissionSetOperations.lock(n.ps());
        SsoRequestEntity request = request(call, CREATE, n.accountId(), n.ps(), n.principalType(), n.principalId());
        boolean provisioned = ProvisionedPermissionSetEntity.count("permissionSetId = ?1 and accountId = ?2",
                n.ps().id, n.accountId()) > 0;
        try {
            if (!provisioned) {
                provisioning.provision(n.ps(), n.accountId());
            }
            if (AccountAssignmentEntity.count("accountId = ?1 and permissionSetId = ?2 and principalType = ?3 and"
                    + " principalId = ?4", n.accountId(), n.ps().id, n.principalType(), n.principalId()) == 0) {
                AccountAssignmentEntity assignment = new AccountAssignmentEntity();
                assignment.accountId = n.accountId();
                assignment.permissionSetId = n.ps().id;
                assignment.principalType = n.principalType();
                assignment.principalId = n.principalId();
                assignment.createdAt = clock.instant();
                assignment.persist();
            }
        } catch (Provisioning.Failure e) {
            fail(request, e);
        }
        request.persist();
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        writeOperation(out.putObject("AccountAssignmentCreationStatus"), request, call);
        return call.changed(out, n.ps().arn(), SsoAdminService.accountArn(n.accountId()));
    }

    JsonReply delete(SsoCall call) {
        Named n = named(call);
        PermissionSetOperations.lock(n.ps());
        long removed = AccountAssignmentEntity.delete("accountId = ?1 and permissionSetId = ?2 and principalType = ?3"
                + " and principalId = ?4", n.accountId(), n.ps().id, n.principalType(), n.principalId());
        if (removed == 0) {
            throw SsoInput.notFound("The account assignment does not exist.");
        }
        if (AccountAssignmentEntity.count("accountId = ?1 and permissionSetId = ?2", n.accountId(), n.ps().id) == 0) {
            provisioning.remove(n.ps(), n.accountId());
        }
        SsoRequestEntity request = request(call, DELETE, n.accountId(), n.ps(), n.principalType(), n.principalId());
        request.persist();
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        writeOperation(out.putObject("AccountAssignmentDeletionStatus"), request, call);
        return call.changed(out, n.ps().arn(), SsoAdminService.accountArn(n.accountId()));
    }

    JsonReply provision(SsoCall call) {
        JsonNode in = call.in();
        String psArn = SsoInput.requiredChecked(in, "PermissionSetArn", 10, 1224, SsoInput.PERMISSION_SET_ARN);
        String target = SsoInput.checked(in, "TargetId", 12, 12, SsoInput.ACCOUNT_ID);
        String type = SsoInput.enumeration(in, "TargetType", PROVISION_TARGETS, true);
        if (type.equals("AWS_ACCOUNT") != (target != null)) {
            throw SsoInput.validation("Value at 'targetId' failed to satisfy constraint: TargetId is required for"
                    + " TargetType AWS_ACCOUNT and not allowed for ALL_PROVISIONED_ACCOUNTS");
        }
        PermissionSetEntity ps = PermissionSetOperations.target(call, psArn);
        List<String> accounts;
        if (target != null) {
            call.authorizeAccount(target);
            call.requireActiveAccount(target);
            accounts = List.of(target);
        } else {
            accounts = provisionedAccounts(ps.id);
            accounts.forEach(call::authorizeAccount);
        }
        PermissionSetOperations.lock(ps);
        SsoRequestEntity request = request(call, PROVISION, target, ps, null, null);
        try {
            for (String account : accounts) {
                provisioning.provision(ps, account);
            }
        } catch (Provisioning.Failure e) {
            fail(request, e);
        }
        request.persist();
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        writeProvisioning(out.putObject("PermissionSetProvisioningStatus"), request, call);
        return call.changed(out, ps.arn());
    }

    /**
     * A failed request keeps its reason. An account whose provisioning failed is left as it was
     * (policies are resolved before any change); accounts provisioned before it keep their update.
     */
    private static void fail(SsoRequestEntity request, Provisioning.Failure e) {
        request.status = "FAILED";
        request.failureReason = e.getMessage();
    }

    private static List<String> provisionedAccounts(String permissionSetId) {
        return ProvisionedPermissionSetEntity.<ProvisionedPermissionSetEntity>list("permissionSetId = ?1 order by"
                + " accountId", permissionSetId).stream().map(p -> p.accountId).toList();
    }

    private SsoRequestEntity request(SsoCall call, String kind, String accountId, PermissionSetEntity ps,
            String principalType, String principalId) {
        SsoRequestEntity request = new SsoRequestEntity();
        request.requestId = UUID.randomUUID().toString();
        request.instanceId = call.instance().id();
        request.kind = kind;
        request.status = "SUCCEEDED";
        request.targetId = accountId;
        request.targetType = accountId == null ? null : "AWS_ACCOUNT";
        request.permissionSetId = ps.id;
        request.principalType = principalType;
        request.principalId = principalId;
        request.createdAt = clock.instant();
        return request;
    }

    private static void writeOperation(ObjectNode out, SsoRequestEntity r, SsoCall call) {
        out.put("Status", r.status).put("RequestId", r.requestId);
        if (r.failureReason != null) {
            out.put("FailureReason", r.failureReason);
        }
        out.put("TargetId", r.targetId).put("TargetType", r.targetType)
                .put("PermissionSetArn", psArn(call, r.permissionSetId)).put("PrincipalType", r.principalType)
                .put("PrincipalId", r.principalId).put("CreatedDate", SsoAdminService.epoch(r.createdAt));
    }

    private static void writeProvisioning(ObjectNode out, SsoRequestEntity r, SsoCall call) {
        out.put("Status", r.status).put("RequestId", r.requestId);
        if (r.targetId != null) {
            out.put("AccountId", r.targetId);
        }
        out.put("PermissionSetArn", psArn(call, r.permissionSetId));
        if (r.failureReason != null) {
            out.put("FailureReason", r.failureReason);
        }
        out.put("CreatedDate", SsoAdminService.epoch(r.createdAt));
    }

    private static String psArn(SsoCall call, String permissionSetId) {
        return "arn:aws:sso:::permissionSet/" + call.instance().id() + "/" + permissionSetId;
    }

    JsonReply describeStatus(SsoCall call) {
        String op = call.operation();
        String kind = op.contains("Creation") ? CREATE : op.contains("Deletion") ? DELETE : PROVISION;
        String member = kind.equals(CREATE) ? "AccountAssignmentCreationRequestId"
                : kind.equals(DELETE) ? "AccountAssignmentDeletionRequestId" : "ProvisionPermissionSetRequestId";
        String id = SsoInput.requiredChecked(call.in(), member, 36, 36, SsoInput.REQUEST_ID);
        call.authorizeInstance();
        SsoRequestEntity request = SsoRequestEntity.findById(id);
        if (request == null || !request.kind.equals(kind) || !request.instanceId.equals(call.instance().id())) {
            throw SsoInput.notFound("Request " + id + " does not exist.");
        }
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        if (kind.equals(PROVISION)) {
            writeProvisioning(out.putObject("PermissionSetProvisioningStatus"), request, call);
        } else {
            writeOperation(out.putObject(kind.equals(CREATE) ? "AccountAssignmentCreationStatus"
                    : "AccountAssignmentDeletionStatus"), request, call);
        }
        return JsonReply.read(out);
    }

    JsonReply listStatus(SsoCall call) {
        String op = call.operation();
        String kind = op.contains("Creation") ? CREATE : op.contains("Deletion") ? DELETE : PROVISION;
        int max = SsoInput.maxResults(call.in(), 100);
        String after = SsoInput.after(call.in(), "request");
        JsonNode filter = SsoInput.object(call.in(), "Filter");
        String status = filter == null ? null : SsoInput.enumeration(filter, "Status", STATUSES, false);
        call.authorizeInstance();
        String query = "instanceId = ?1 and kind = ?2 and requestId > ?3" + (status == null ? "" : " and status = ?4");
        Object[] params = status == null ? new Object[] {call.instance().id(), kind, after}
                : new Object[] {call.instance().id(), kind, after, status};
        List<SsoRequestEntity> page = SsoRequestEntity.<SsoRequestEntity>find(query, Sort.by("requestId"), params)
                .page(0, max + 1).list();
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ArrayNode items = out.putArray(kind.equals(CREATE) ? "AccountAssignmentsCreationStatus"
                : kind.equals(DELETE) ? "AccountAssignmentsDeletionStatus" : "PermissionSetsProvisioningStatus");
        page.stream().limit(max).forEach(r -> items.addObject().put("Status", r.status).put("RequestId", r.requestId)
                .put("CreatedDate", SsoAdminService.epoch(r.createdAt)));
        if (page.size() > max) {
            out.put("NextToken", SsoInput.token("request", page.get(max - 1).requestId));
        }
        return JsonReply.read(out);
    }

    /** ListAccountAssignments: the principals with the permission set in the account. */
    JsonReply list(SsoCall call) {
        JsonNode in = call.in();
        String account = SsoInput.requiredChecked(in, "AccountId", 12, 12, SsoInput.ACCOUNT_ID);
        String psArn = SsoInput.requiredChecked(in, "PermissionSetArn", 10, 1224, SsoInput.PERMISSION_SET_ARN);
        int max = SsoInput.maxResults(in, 100);
        String after = SsoInput.after(in, "assignment");
        PermissionSetEntity ps = PermissionSetOperations.target(call, psArn);
        call.authorizeAccount(account);
        List<AccountAssignmentEntity> page = AccountAssignmentEntity.<AccountAssignmentEntity>find(
                "accountId = ?1 and permissionSetId = ?2 and concat(principalType, '/', principalId) > ?3",
                Sort.by("principalType").and("principalId"), account, ps.id, after).page(0, max + 1).list();
        return assignments(call, page, max, a -> a.principalType + "/" + a.principalId);
    }

    /** ListAccountAssignmentsForPrincipal: the user's or group's assignments, optionally in one account. */
    JsonReply listForPrincipal(SsoCall call) {
        JsonNode in = call.in();
        String principal = SsoInput.requiredChecked(in, "PrincipalId", 1, 47, SsoInput.PRINCIPAL_ID);
        String type = SsoInput.enumeration(in, "PrincipalType", PRINCIPAL_TYPES, true);
        JsonNode filter = SsoInput.object(in, "Filter");
        String account = filter == null ? null : SsoInput.checked(filter, "AccountId", 12, 12, SsoInput.ACCOUNT_ID);
        int max = SsoInput.maxResults(in, 100);
        String after = SsoInput.after(in, "principal");
        call.authorizeInstance();
        String query = "principalId = ?1 and principalType = ?2 and concat(accountId, '/', permissionSetId) > ?3"
                + (account == null ? "" : " and accountId = ?4");
        Object[] params = account == null ? new Object[] {principal, type, after}
                : new Object[] {principal, type, after, account};
        List<AccountAssignmentEntity> page = AccountAssignmentEntity.<AccountAssignmentEntity>find(query,
                Sort.by("accountId").and("permissionSetId"), params).page(0, max + 1).list();
        return assignments(call, page, max, a -> a.accountId + "/" + a.permissionSetId);
    }

    private static JsonReply assignments(SsoCall call, List<AccountAssignmentEntity> page, int max,
            java.util.function.Function<AccountAssignmentEntity, String> key) {
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("AccountAssignments");
        page.stream().limit(max).forEach(a -> items.addObject().put("AccountId", a.accountId)
                .put("PermissionSetArn", psArn(call, a.permissionSetId)).put("PrincipalType", a.principalType)
                .put("PrincipalId", a.principalId));
        if (page.size() > max) {
            out.put("NextToken", SsoInput.token(call.operation().endsWith("Principal") ? "principal" : "assignment",
                    key.apply(page.get(max - 1))));
        }
        return JsonReply.read(out);
    }

    /** ListAccountsForProvisionedPermissionSet. */
    JsonReply accountsForPermissionSet(SsoCall call) {
        JsonNode in = call.in();
        String psArn = SsoInput.requiredChecked(in, "PermissionSetArn", 10, 1224, SsoInput.PERMISSION_SET_ARN);
        String status = SsoInput.enumeration(in, "ProvisioningStatus", PROVISIONING_STATUSES, false);
        int max = SsoInput.maxResults(in, 100);
        String after = SsoInput.after(in, "account");
        PermissionSetEntity ps = PermissionSetOperations.target(call, psArn);
        List<ProvisionedPermissionSetEntity> page = ProvisionedPermissionSetEntity.<ProvisionedPermissionSetEntity>find(
                "permissionSetId = ?1 and accountId > ?2" + versionFilter(status, "?3"), Sort.by("accountId"),
                versionParams(status, ps.id, after, ps.version)).page(0, max + 1).list();
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ArrayNode ids = out.putArray("AccountIds");
        page.stream().limit(max).forEach(p -> ids.add(p.accountId));
        if (page.size() > max) {
            out.put("NextToken", SsoInput.token("account", page.get(max - 1).accountId));
        }
        return JsonReply.read(out);
    }

    /** ListPermissionSetsProvisionedToAccount, filtered by whether the account has each one's latest version. */
    JsonReply permissionSetsInAccount(SsoCall call) {
        JsonNode in = call.in();
        String account = SsoInput.requiredChecked(in, "AccountId", 12, 12, SsoInput.ACCOUNT_ID);
        String status = SsoInput.enumeration(in, "ProvisioningStatus", PROVISIONING_STATUSES, false);
        int max = SsoInput.maxResults(in, 100);
        String after = SsoInput.after(in, "provisioned");
        call.authorizeInstance();
        call.authorizeAccount(account);
        String query = "select p from ProvisionedPermissionSetEntity p, PermissionSetEntity s where s.id ="
                + " p.permissionSetId and s.instanceId = ?1 and p.accountId = ?2 and p.permissionSetId > ?3"
                + (status == null ? "" : status.equals("LATEST_PERMISSION_SET_PROVISIONED")
                        ? " and p.version = s.version" : " and p.version <> s.version")
                + " order by p.permissionSetId";
        List<ProvisionedPermissionSetEntity> page = ProvisionedPermissionSetEntity.getEntityManager()
                .createQuery(query, ProvisionedPermissionSetEntity.class).setParameter(1, call.instance().id())
                .setParameter(2, account).setParameter(3, after).setMaxResults(max + 1).getResultList();
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ArrayNode arns = out.putArray("PermissionSets");
        page.stream().limit(max).forEach(p -> arns.add(psArn(call, p.permissionSetId)));
        if (page.size() > max) {
            out.put("NextToken", SsoInput.token("provisioned", page.get(max - 1).permissionSetId));
        }
        return JsonReply.read(out);
    }

    private static String versionFilter(String status, String placeholder) {
        if (status == null) {
            return "";
        }
        return status.equals("LATEST_PERMISSION_SET_PROVISIONED") ? " and version = " + placeholder
                : " and version <> " + placeholder;
    }

    private static Object[] versionParams(String status, String id, String after, long version) {
        return status == null ? new Object[] {id, after} : new Object[] {id, after, version};
    }
}
