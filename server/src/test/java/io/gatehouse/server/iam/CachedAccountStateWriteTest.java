package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutUserPolicyResponse;

/**
 * A write call relies on the account's policy epoch as this replica last read it, and its audit
 * record's INSERT checks that the epoch still holds (no read of its own): a change another replica
 * committed before the call still decides it, and a call that bumps the epoch itself does so from
 * exactly the state it relied on.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class CachedAccountStateWriteTest {

    private static final String MAY_CREATE_USERS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"iam:CreateUser\",\"iam:GetUser\"],\"Resource\":\"*\"}]}";
    private static final String DENY_CREATE_USER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"iam:CreateUser\",\"Resource\":\"*\"}]}";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aWriteIsDecidedByAPolicyAnotherReplicaCommittedThoughThisOneCachedTheAccountsState() throws Exception {
        IamClient admin = Iam.admin();
        Iam.Principal writer = Iam.newUser(admin, "cached-writer");
        admin.putUserPolicy(r -> r.userName(writer.user().userName()).policyName("may-create")
                .policyDocument(MAY_CREATE_USERS));
        String allowed = Iam.name("allowed");
        writer.client().createUser(r -> r.userName(allowed));
        // A read-only call: this replica keeps the account's state, and the writer's policies.
        writer.client().getUser(r -> r.userName(allowed));

        // Exactly what another replica's PutUserPolicy commits: the policy row and a new policy epoch.
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO iam_inline_policy (principal_id, name, "
                    + "name_lower, principal_type, document) VALUES (?, 'no-create', 'no-create', 'USER', ?)")) {
                insert.setString(1, writer.user().userId());
                insert.setString(2, DENY_CREATE_USER);
                insert.executeUpdate();
            }
            bump(db, accountOf(writer.user().arn()));
            db.commit();
        }

        String refused = Iam.name("refused");
        AwsServiceException denied = catchThrowableOfType(AwsServiceException.class,
                () -> writer.client().createUser(r -> r.userName(refused)));
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(recordsOf(denied.requestId())).as("only the second decision is recorded")
                .containsExactly("AccessDenied");
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> admin.getUser(r -> r.userName(refused))))
                .as("the first attempt's user was rolled back").isNotNull();
    }

    @Test
    void aCallThatBumpsTheEpochFromACachedStateBumpsItOnceAndIsRecordedOnce() throws Exception {
        IamClient admin = Iam.admin();
        Iam.Principal target = Iam.newUser(admin, "bumped");
        String account = accountOf(target.user().arn());
        admin.getUser(r -> r.userName(target.user().userName())); // this replica keeps the account's state
        long before = epoch(account);

        PutUserPolicyResponse put = admin.putUserPolicy(r -> r.userName(target.user().userName())
                .policyName("may-create").policyDocument(MAY_CREATE_USERS));

        assertThat(epoch(account)).isEqualTo(before + 1);
        assertThat(recordsOf(put.responseMetadata().requestId())).containsExactly("none");
        target.client().createUser(r -> r.userName(Iam.name("by-bumped"))); // the new policy is in force
    }

    @Test
    void aCallThatBumpsTheEpochFromAStateAnotherReplicaMovedIsMadeAgainAndRecordedOnce() throws Exception {
        IamClient admin = Iam.admin();
        Iam.Principal target = Iam.newUser(admin, "moved");
        String account = accountOf(target.user().arn());
        admin.getUser(r -> r.userName(target.user().userName()));
        try (Connection db = dataSource.getConnection()) {
            bump(db, account); // another replica's policy change, after this one read the state
        }
        long before = epoch(account);

        PutUserPolicyResponse put = admin.putUserPolicy(r -> r.userName(target.user().userName())
                .policyName("deny-create").policyDocument(DENY_CREATE_USER));

        assertThat(epoch(account)).as("the first attempt's bump rolled back").isEqualTo(before + 1);
        assertThat(recordsOf(put.responseMetadata().requestId())).containsExactly("none");
        assertThat(admin.getUserPolicy(r -> r.userName(target.user().userName()).policyName("deny-create"))
                .policyName()).isEqualTo("deny-create");
    }

    private static String accountOf(String arn) {
        return arn.split(":")[4];
    }

    private static void bump(Connection db, String accountId) throws Exception {
        try (PreparedStatement bump = db.prepareStatement(
                "UPDATE iam_account SET policy_epoch = policy_epoch + 1 WHERE id = ?")) {
            bump.setString(1, accountId);
            assertThat(bump.executeUpdate()).isEqualTo(1);
        }
    }

    private long epoch(String accountId) throws Exception {
        try (Connection db = dataSource.getConnection();
                PreparedStatement select = db.prepareStatement("SELECT policy_epoch FROM iam_account WHERE id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getLong(1);
            }
        }
    }

    /** The error codes ("none" for a success) of the audit records of one request. */
    private List<String> recordsOf(String requestId) throws Exception {
        assertThat(requestId).isNotBlank();
        List<String> codes = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
                PreparedStatement select = db.prepareStatement(
                        "SELECT error_code FROM aud_outbox WHERE payload LIKE ? ORDER BY id")) {
            select.setString(1, "%\"requestID\":\"" + requestId + "\"%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    codes.add(rows.getString(1) == null ? "none" : rows.getString(1));
                }
            }
        }
        return codes;
    }
}
