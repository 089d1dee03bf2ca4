package io.gatehouse.identity.internal.sso;

import io.gatehouse.identity.AccountAccess;
import io.gatehouse.identity.WorkforceAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link WorkforceAccess} in one query, one round trip: the assignments of the user and those of
 * its groups, each branch starting from the active user's row (primary key), then its memberships
 * ({@code ix_ws_member_user}), the assignments ({@code ix_sso_assignment_principal}) and the
 * permission set and provisioned role (primary keys). The cost grows with the user's groups and
 * assignments, not with the directory's size. Plain JDBC on the pool (joining the caller's
 * transaction when there is one): this is the access portal's hot path, and an entity manager and
 * transaction per call cost more than the query.
 */
@ApplicationScoped
public class StoreWorkforceAccess implements WorkforceAccess {
    private static final String SELECT = "SELECT a.account_id, s.id, s.instance_id, s.name, p.role_arn,"
            + " s.session_seconds FROM iam_ws_user u ";
    private static final String REST = " JOIN iam_sso_permission_set s ON s.id = a.permission_set_id"
            + " JOIN iam_sso_provisioned p ON p.permission_set_id = a.permission_set_id AND p.account_id = a.account_id"
            + " WHERE u.id = ? AND u.active = TRUE";
    private static final String QUERY = SELECT + "JOIN iam_sso_assignment a ON a.principal_id = u.id" + REST
            + " UNION ALL " + SELECT + "JOIN iam_ws_member m ON m.user_id = u.id"
            + " JOIN iam_sso_assignment a ON a.principal_id = m.group_id" + REST;

    @Inject
    DataSource dataSource;

    @Override
    public List<AccountAccess> assignmentsFor(String workforceUserId) {
        if (workforceUserId == null || workforceUserId.isEmpty()) {
            return List.of();
        }
        try (Connection db = dataSource.getConnection()) {
            return read(db, workforceUserId);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the assignments of workforce user " + workforceUserId
                    + " failed", e);
        }
    }

    /**
     * The query itself, on any connection to the database (the assignment benchmark runs it as the
     * server does, on a directory of the size).
     */
    public static List<AccountAccess> read(Connection db, String workforceUserId) throws SQLException {
        Map<String, AccountAccess> unique = new LinkedHashMap<>();
        try (PreparedStatement query = db.prepareStatement(QUERY)) {
            query.setString(1, workforceUserId);
            query.setString(2, workforceUserId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String account = rows.getString(1);
                    String arn = "arn:aws:sso:::permissionSet/" + rows.getString(3) + "/" + rows.getString(2);
                    unique.putIfAbsent(account + " " + arn, new AccountAccess(account, arn, rows.getString(4),
                            rows.getString(5), rows.getInt(6)));
                }
            }
        }
        return unique.values().stream().sorted(Comparator.comparing(AccountAccess::accountId)
                .thenComparing(AccountAccess::permissionSetName)).toList();
    }
}
