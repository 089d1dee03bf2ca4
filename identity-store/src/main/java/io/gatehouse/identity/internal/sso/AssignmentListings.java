package io.gatehouse.identity.internal.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.JsonReply;
import io.gatehouse.identity.internal.sso.SsoAdminService.SsoCall;
import io.gatehouse.identity.persistence.AccountAssignmentEntity;
import io.gatehouse.identity.persistence.PermissionSetEntity;
import io.gatehouse.identity.persistence.ProvisionedPermissionSetEntity;
import io.quarkus.panache.common.Sort;
import java.util.List;
import java.util.function.Function;

/**
 * ListAccountAssignments, ListAccountAssignmentsForPrincipal,
 * ListAccountsForProvisionedPermissionSet and ListPermissionSetsProvisionedToAccount, each paged
 * by key (NextToken holds the last key of the page). An account has the LATEST version of a
 * permission set when its provisioned version equals the permission set's.
 */
final class AssignmentListings {
    private AssignmentListings() {}

    /** ListAccountAssignments: the principals with the permission set in the account. */
    static JsonReply list(SsoCall call) {
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
    static JsonReply listForPrincipal(SsoCall call) {
        JsonNode in = call.in();
        String principal = SsoInput.requiredChecked(in, "PrincipalId", 1, 47, SsoInput.PRINCIPAL_ID);
        String type = SsoInput.enumeration(in, "PrincipalType", AssignmentOperations.PRINCIPAL_TYPES, true);
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
            Function<AccountAssignmentEntity, String> key) {
        ObjectNode out = SsoAdminService.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("AccountAssignments");
        page.stream().limit(max).forEach(a -> items.addObject().put("AccountId", a.accountId)
                .put("PermissionSetArn", RequestStatuses.psArn(call, a.permissionSetId)).put("PrincipalType", a.principalType)
                .put("PrincipalId", a.principalId));
        if (page.size() > max) {
            out.put("NextToken", SsoInput.token(call.operation().endsWith("Principal") ? "principal" : "assignment",
                    key.apply(page.get(max - 1))));
        }
        return JsonReply.read(out);
    }

    /** ListAccountsForProvisionedPermissionSet. */
    static JsonReply accountsForPermissionSet(SsoCall call) {
        JsonNode in = call.in();
        String psArn = SsoInput.requiredChecked(in, "PermissionSetArn", 10, 1224, SsoInput.PERMISSION_SET_ARN);
        String status = SsoInput.enumeration(in, "ProvisioningStatus", AssignmentOperations.PROVISIONING_STATUSES, false);
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
    static JsonReply permissionSetsInAccount(SsoCall call) {
        JsonNode in = call.in();
        String account = SsoInput.requiredChecked(in, "AccountId", 12, 12, SsoInput.ACCOUNT_ID);
        String status = SsoInput.enumeration(in, "ProvisioningStatus", AssignmentOperations.PROVISIONING_STATUSES, false);
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
        page.stream().limit(max).forEach(p -> arns.add(RequestStatuses.psArn(call, p.permissionSetId)));
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
