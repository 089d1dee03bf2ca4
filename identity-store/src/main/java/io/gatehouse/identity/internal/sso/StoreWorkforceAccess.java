package io.gatehouse.identity.internal.sso;

import io.gatehouse.identity.AccountAccess;
import io.gatehouse.identity.WorkforceAccess;
import io.gatehouse.identity.persistence.AccountAssignmentEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link WorkforceAccess} in two indexed queries: the user's row with its memberships (primary
 * key, then {@code ix_ws_member_user}), then the assignments of the user and its groups
 * ({@code ix_sso_assignment_principal}) joined to their permission sets and provisioned roles (primary
 * keys). The cost grows with the user's groups and assignments, not with the directory's size.
 */
@ApplicationScoped
public class StoreWorkforceAccess implements WorkforceAccess {
    private static final String MEMBERSHIPS = "SELECT u.active, m.group_id FROM iam_ws_user u"
            + " LEFT JOIN iam_ws_member m ON m.user_id = u.id WHERE u.id = ?1";
    private static final String ASSIGNMENTS = "select a.accountId, s.id, s.instanceId, s.name, p.roleArn,"
            + " s.sessionSeconds from AccountAssignmentEntity a, PermissionSetEntity s, ProvisionedPermissionSetEntity p"
            + " where a.principalId in (?1) and s.id = a.permissionSetId and p.permissionSetId = a.permissionSetId"
            + " and p.accountId = a.accountId";

    @Override
    public List<AccountAccess> assignmentsFor(String workforceUserId) {
        if (workforceUserId == null || workforceUserId.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.joiningExisting().call(() -> read(workforceUserId));
    }

    private static List<AccountAccess> read(String userId) {
        EntityManager em = AccountAssignmentEntity.getEntityManager();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(MEMBERSHIPS).setParameter(1, userId).getResultList();
        if (rows.isEmpty() || !Boolean.TRUE.equals(asBoolean(rows.get(0)[0]))) {
            return List.of();
        }
        List<String> principals = new ArrayList<>();
        principals.add(userId);
        rows.stream().map(r -> (String) r[1]).filter(g -> g != null).forEach(principals::add);
        List<Object[]> found = em.createQuery(ASSIGNMENTS, Object[].class).setParameter(1, principals).getResultList();
        Map<String, AccountAccess> unique = new LinkedHashMap<>();
        for (Object[] r : found) {
            String arn = "arn:aws:sso:::permissionSet/" + r[2] + "/" + r[1];
            unique.putIfAbsent(r[0] + " " + arn, new AccountAccess((String) r[0], arn, (String) r[3], (String) r[4],
                    ((Number) r[5]).intValue()));
        }
        return unique.values().stream().sorted(Comparator.comparing(AccountAccess::accountId)
                .thenComparing(AccountAccess::permissionSetName)).toList();
    }

    private static Boolean asBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof Number n ? n.intValue() != 0 : null;
    }
}
