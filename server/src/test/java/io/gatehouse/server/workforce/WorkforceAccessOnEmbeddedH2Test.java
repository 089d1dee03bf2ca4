package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.AccountAccess;
import io.gatehouse.identity.WorkforceAccess;
import io.gatehouse.identity.internal.sso.SsoInstances;
import io.gatehouse.identity.internal.workforce.IdentityStores;
import io.gatehouse.identity.internal.workforce.ScimTokens;
import io.gatehouse.identity.persistence.AccountAssignmentEntity;
import io.gatehouse.identity.persistence.PermissionSetEntity;
import io.gatehouse.identity.persistence.ProvisionedPermissionSetEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Permission sets on the embedded default (H2 in MariaDB mode): the migration runs, the instance
 * is created on start over the identity store, and {@link WorkforceAccess}'s queries (a native
 * join on the boolean {@code active}, a JPQL join with an IN list) work there as on MariaDB.
 */
@QuarkusTest
class WorkforceAccessOnEmbeddedH2Test {
    @Inject
    WorkforceAccess access;
    @Inject
    SsoInstances instances;
    @Inject
    ScimTokens tokens;
    @Inject
    IdentityStores stores;

    @Test
    void assignmentsResolveThroughGroupsOnH2() throws Exception {
        SsoInstances.Instance instance = instances.current();
        assertThat(instance.arn()).matches("arn:aws:sso:::instance/ssoins-[0-9a-f]{16}");
        assertThat(instance.storeId()).isEqualTo(stores.current().id());
        String token = QuarkusTransaction.requiringNew().call(() -> tokens.issue(stores.current().id(), "test", 1)
                .token());
        Scim.Client scim = new Scim.Client(token);
        String name = "h2_worker_" + UUID.randomUUID().toString().substring(0, 8);
        String userId = scim.json("POST", "/Users", """
                {"userName":"%s","displayName":"On H2"}""".formatted(name), 201).path("id").asText();
        JsonNode group = scim.json("POST", "/Groups", """
                {"displayName":"%s","members":[{"value":"%s"}]}""".formatted(name, userId), 201);
        String groupId = group.path("id").asText();
        assertThat(access.assignmentsFor(userId)).isEmpty();

        String psId = "ps-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        // The embedded database outlives a run (target/test-data): names must not repeat.
        String psName = "H2Set" + psId.substring(3, 11);
        String account = instance.ownerAccountId();
        QuarkusTransaction.requiringNew().run(() -> {
            PermissionSetEntity ps = new PermissionSetEntity();
            ps.id = psId;
            ps.instanceId = instance.id();
            ps.name = psName;
            ps.nameLower = psName.toLowerCase();
            ps.sessionDuration = "PT2H";
            ps.sessionSeconds = 7200;
            ps.version = 1;
            ps.createdAt = Instant.now();
            ps.persist();
            AccountAssignmentEntity assignment = new AccountAssignmentEntity();
            assignment.accountId = account;
            assignment.permissionSetId = psId;
            assignment.principalType = "GROUP";
            assignment.principalId = groupId;
            assignment.createdAt = Instant.now();
            assignment.persist();
            ProvisionedPermissionSetEntity provisioned = new ProvisionedPermissionSetEntity();
            provisioned.permissionSetId = psId;
            provisioned.accountId = account;
            provisioned.roleName = "AWSReservedSSO_" + psName + "_0123456789abcdef";
            provisioned.roleArn = "arn:aws:iam::" + account + ":role/aws-reserved/sso.amazonaws.com/"
                    + provisioned.roleName;
            provisioned.version = 1;
            provisioned.provisionedAt = Instant.now();
            provisioned.persist();
        });
        assertThat(access.assignmentsFor(userId)).containsExactly(new AccountAccess(account,
                "arn:aws:sso:::permissionSet/" + instance.id() + "/" + psId, psName,
                "arn:aws:iam::" + account + ":role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_" + psName
                        + "_0123456789abcdef", 7200));
        scim.json("PATCH", "/Users/" + userId, """
                {"Operations":[{"op":"replace","path":"active","value":false}]}""", 200);
        assertThat(access.assignmentsFor(userId)).isEmpty();
    }
}
