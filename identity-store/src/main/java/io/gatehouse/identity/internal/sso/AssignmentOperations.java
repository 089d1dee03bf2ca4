package io.gatehouse.identity.internal.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.sso.SsoAdminService.SsoCall;
import io.gatehouse.identity.persistence.AccountAssignmentEntity;
import io.gatehouse.identity.persistence.PermissionSetEntity;
import io.gatehouse.identity.persistence.ProvisionedPermissionSetEntity;
import io.gatehouse.identity.persistence.SsoRequestEntity;
import io.gatehouse.identity.persistence.WsGroupEntity;
import io.gatehouse.identity.persistence.WsUserEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * CreateAccountAssignment, DeleteAccountAssignment and ProvisionPermissionSet, recording each
 * request's status ({@link RequestStatuses}). Provisioning is synchronous: the status is already SUCCEEDED or
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
        RequestStatuses.writeOperation(out.putObject("AccountAssignmentCreationStatus"), request, call);
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
        RequestStatuses.writeOperation(out.putObject("AccountAssignmentDeletionStatus"), request, call);
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
        RequestStatuses.writeProvisioning(out.putObject("PermissionSetProvisioningStatus"), request, call);
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
}
