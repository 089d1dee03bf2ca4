package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.WorkforceDirectory;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;

/**
 * SCIM provisioning as Okta, Microsoft Entra ID and Google Workspace do it, with the request
 * shapes of their published SCIM documentation: lookup by filter, create, PATCH in each
 * provider's form (with and without path, Entra's string booleans, filtered paths, member
 * add/remove by value), PUT, deactivation and delete; the same rows seen by the Identity Store API
 * and by {@link WorkforceDirectory}.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class ScimProvisioningCompatibilityTest {
    @Inject
    WorkforceDirectory directory;

    private Scim.Client scim;
    private final IdentitystoreClient store = Workforce.admin();

    @BeforeEach
    void token() throws Exception {
        if (scim == null) {
            scim = new Scim.Client(Scim.newToken());
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void oktaProvisionsUpdatesAndDeactivatesAUser() throws Exception {
        String userName = unique("test.user") + "@okta.local";
        JsonNode none = scim.json("GET", "/Users?filter=" + Scim.query("userName eq \"" + userName + "\"")
                + "&startIndex=1&count=100", null, 200);
        assertThat(none.path("totalResults").asInt()).isZero();
        assertThat(none.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");

        JsonNode created = scim.json("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Test","familyName":"User"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7",
                 "groups":[],"password":"1mz050nq","active":true}""".formatted(userName, userName), 201);
        String id = created.path("id").asText();
        assertThat(created.path("userName").asText()).isEqualTo(userName);
        assertThat(created.path("externalId").asText()).isEqualTo("00ujl29u0le5T6Aj10h7");
        assertThat(created.path("active").asBoolean()).isTrue();
        assertThat(created.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
        assertThat(created.toString()).doesNotContain("1mz050nq");

        JsonNode found = scim.json("GET", "/Users?filter=" + Scim.query("userName eq \"" + userName.toUpperCase()
                + "\"") + "&startIndex=1&count=100", null, 200);
        assertThat(found.path("totalResults").asInt()).isEqualTo(1);
        assertThat(found.path("Resources").get(0).path("id").asText()).isEqualTo(id);

        assertThat(store.describeUser(r -> r.identityStoreId(directory.identityStoreId()).userId(id)).displayName())
                .isEqualTo("Test User");

        JsonNode put = scim.json("PUT", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s",
                 "name":{"givenName":"Another","familyName":"User"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"Another User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7",
                 "groups":[],"active":true}""".formatted(id, userName, userName), 200);
        assertThat(put.path("name").path("givenName").asText()).isEqualTo("Another");

        scim.json("PATCH", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""", 200);
        assertThat(directory.isActive(id)).isFalse();
        assertThat(directory.userById(id)).hasValueSatisfying(u -> assertThat(u.active()).isFalse());
        assertThat(store.describeUser(r -> r.identityStoreId(directory.identityStoreId()).userId(id)).userStatus())
                .isEqualTo(software.amazon.awssdk.services.identitystore.model.UserStatus.DISABLED);
        JsonNode inactive = scim.json("GET", "/Users?filter=" + Scim.query("active eq false and userName eq \""
                + userName + "\""), null, 200);
        assertThat(inactive.path("totalResults").asInt()).isEqualTo(1);

        scim.json("PATCH", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":true}}]}""", 200);
        assertThat(directory.isActive(id)).isTrue();
    }

    @Test
    void oktaManagesGroupsAndMembers() throws Exception {
        String userId = scim.json("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true}"""
                .formatted(unique("member")), 201).path("id").asText();
        JsonNode group = scim.json("POST", "/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[]}"""
                .formatted(unique("Test SCIMv2")), 201);
        String groupId = group.path("id").asText();
        String renamed = unique("Renamed");

        scim.json("PATCH", "/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"id":"%s","displayName":"%s"}}]}"""
                .formatted(groupId, renamed), 204);
        scim.json("PATCH", "/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"add","path":"members","value":[{"value":"%s","display":"member"}]}]}"""
                .formatted(userId), 204);
        JsonNode read = scim.json("GET", "/Groups/" + groupId, null, 200);
        assertThat(read.path("displayName").asText()).isEqualTo(renamed);
        assertThat(read.path("members")).hasSize(1);
        assertThat(read.path("members").get(0).path("value").asText()).isEqualTo(userId);
        assertThat(directory.groupIdsOf(userId)).containsExactly(groupId);
        JsonNode byMember = scim.json("GET", "/Groups?filter=" + Scim.query("members.value eq \"" + userId + "\""),
                null, 200);
        assertThat(byMember.path("Resources")).extracting(n -> n.path("id").asText()).containsExactly(groupId);

        scim.json("PATCH", "/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(userId), 204);
        assertThat(directory.groupIdsOf(userId)).isEmpty();

        scim.json("DELETE", "/Groups/" + groupId, null, 204);
        scim.json("GET", "/Groups/" + groupId, null, 404);
    }

    @Test
    void entraProvisionsWithItsOwnShapes() throws Exception {
        String userName = unique("Test_User");
        String externalId = UUID.randomUUID().toString();
        JsonNode created = scim.json("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"%s","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s@testuser.com"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
                 "roles":[],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"42",
                  "department":"Sales"}}""".formatted(externalId, userName, userName), 201);
        assertThat(created.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                .path("employeeNumber").asText()).isEqualTo("42");
        String id = created.path("id").asText();

        JsonNode byExternal = scim.json("GET", "/Users?filter=" + Scim.query("externalId eq \"" + externalId + "\""),
                null, 200);
        assertThat(byExternal.path("Resources")).extracting(n -> n.path("id").asText()).containsExactly(id);
        String storeId = directory.identityStoreId();
        assertThat(store.getUserId(r -> r.identityStoreId(storeId).alternateIdentifier(
                software.amazon.awssdk.services.identitystore.model.AlternateIdentifier.fromExternalId(e -> e
                        .issuer("SCIM").id(externalId)))).userId()).isEqualTo(id);
        assertThat(store.describeUser(r -> r.identityStoreId(storeId).userId(id)).externalIds())
                .singleElement().satisfies(e -> assertThat(e.id()).isEqualTo(externalId));
        assertThat(store.listUsers(r -> r.identityStoreId(storeId).filters(f -> f.attributePath("UserName")
                .attributeValue(userName))).users()).singleElement()
                .satisfies(u -> assertThat(u.externalIds()).hasSize(1));

        scim.json("PATCH", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[
                  {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updated-%s@microsoft.com"},
                  {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"},
                  {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
                   "value":"Engineering"}]}""".formatted(userName), 200);
        JsonNode patched = scim.json("GET", "/Users/" + id, null, 200);
        assertThat(patched.path("emails")).hasSize(1);
        assertThat(patched.path("emails").get(0).path("value").asText()).isEqualTo("updated-" + userName
                + "@microsoft.com");
        assertThat(patched.path("name").path("familyName").asText()).isEqualTo("updatedFamilyName");
        assertThat(patched.path("name").path("givenName").asText()).isEqualTo("givenName");
        JsonNode enterprise = patched.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(enterprise.path("department").asText()).isEqualTo("Engineering");
        assertThat(enterprise.path("employeeNumber").asText()).isEqualTo("42");
        JsonNode byEmail = scim.json("GET", "/Users?filter=" + Scim.query("emails.value eq \"updated-" + userName
                + "@microsoft.com\""), null, 200);
        assertThat(byEmail.path("totalResults").asInt()).isEqualTo(1);

        scim.json("PATCH", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"}]}""", 200);
        assertThat(directory.isActive(id)).isFalse();

        String groupName = unique("displayName");
        String groupId = scim.json("POST", "/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                  "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"%s","displayName":"%s","meta":{"resourceType":"Group"}}"""
                .formatted(UUID.randomUUID(), groupName), 201).path("id").asText();
        JsonNode lookup = scim.json("GET", "/Groups?excludedAttributes=members&filter="
                + Scim.query("displayName eq \"" + groupName + "\""), null, 200);
        assertThat(lookup.path("Resources")).hasSize(1);
        assertThat(lookup.path("Resources").get(0).has("members")).isFalse();

        scim.json("PATCH", "/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}]}"""
                .formatted(id), 204);
        assertThat(directory.groupIdsOf(id)).containsExactly(groupId);
        scim.json("PATCH", "/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Remove","path":"members","value":[{"$ref":null,"value":"%s"}]}]}"""
                .formatted(id), 204);
        assertThat(directory.groupIdsOf(id)).isEmpty();
        scim.json("PATCH", "/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Add","path":"members","value":[{"value":"%s"}]}]}""".formatted(id), 204);
        scim.json("PATCH", "/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(id), 204);
        assertThat(directory.groupIdsOf(id)).isEmpty();
        scim.json("PATCH", "/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"displayName","value":"%s-updated"}]}""".formatted(groupName),
                204);
        assertThat(scim.json("GET", "/Groups/" + groupId, null, 200).path("displayName").asText())
                .isEqualTo(groupName + "-updated");

        scim.json("DELETE", "/Users/" + id, null, 204);
        assertThat(directory.userById(id)).isEmpty();
        scim.json("GET", "/Users/" + id, null, 404);
    }

    @Test
    void googleProvisionsWithPutAndDeletes() throws Exception {
        String userName = unique("jdoe") + "@example.com";
        String id = scim.json("POST", "/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"John","familyName":"Doe"},"displayName":"John Doe",
                 "emails":[{"value":"%s","type":"work","primary":true}],
                 "phoneNumbers":[{"value":"+1 555 0100","type":"work"}],"active":true}"""
                .formatted(userName, userName), 201).path("id").asText();
        JsonNode replaced = scim.json("PUT", "/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"John","familyName":"Doe-Smith"},"displayName":"John Doe-Smith",
                 "emails":[{"value":"%s","type":"work","primary":true}],"active":false}"""
                .formatted(userName, userName), 200);
        assertThat(replaced.path("name").path("familyName").asText()).isEqualTo("Doe-Smith");
        assertThat(replaced.has("phoneNumbers")).isFalse();
        assertThat(replaced.path("active").asBoolean()).isFalse();
        assertThat(directory.isActive(id)).isFalse();
        scim.json("DELETE", "/Users/" + id, null, 204);
        assertThat(directory.isActive(id)).isFalse();
    }
}
