package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.identity.WorkforceDirectory;
import io.gatehouse.identity.WorkforceUser;
import io.gatehouse.server.cloudtrail.CloudTrail;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.AccessDeniedException;
import software.amazon.awssdk.services.identitystore.model.AlternateIdentifier;
import software.amazon.awssdk.services.identitystore.model.AttributeOperation;
import software.amazon.awssdk.services.identitystore.model.ConflictException;
import software.amazon.awssdk.services.identitystore.model.DescribeGroupResponse;
import software.amazon.awssdk.services.identitystore.model.DescribeUserResponse;
import software.amazon.awssdk.services.identitystore.model.Email;
import software.amazon.awssdk.services.identitystore.model.Filter;
import software.amazon.awssdk.services.identitystore.model.GroupMembership;
import software.amazon.awssdk.services.identitystore.model.GroupMembershipExistenceResult;
import software.amazon.awssdk.services.identitystore.model.ListUsersResponse;
import software.amazon.awssdk.services.identitystore.model.MemberId;
import software.amazon.awssdk.services.identitystore.model.ResourceNotFoundException;
import software.amazon.awssdk.services.identitystore.model.UniqueAttribute;
import software.amazon.awssdk.services.identitystore.model.ValidationException;

/**
 * The Identity Store API through the unmodified AWS SDK for Java v2 IdentitystoreClient on
 * MariaDB: users, groups and memberships with the model's shapes, pagination, filters, alternate
 * identifiers, the model's refusals, authorization by identitystore:* and the audit records.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IdentityStoreCompatibilityTest {
    private final IdentitystoreClient store = Workforce.admin();

    @Inject
    WorkforceDirectory directory;

    private String storeId() {
        return directory.identityStoreId();
    }

    private String createUser(String userName, String email) {
        return store.createUser(r -> r.identityStoreId(storeId()).userName(userName).displayName("Jane " + userName)
                .name(n -> n.givenName("Jane").familyName("Doe"))
                .emails(Email.builder().value(email).type("work").primary(true).build())).userId();
    }

    @Test
    void theIdentityStoreIdHasAwssShape() {
        assertThat(storeId()).matches("d-[0-9a-f]{10}");
    }

    @Test
    void aUserIsCreatedDescribedFoundUpdatedAndDeleted() {
        String name = Iam.name("jane");
        String userId = createUser(name, name + "@example.com");
        assertThat(userId).matches("[0-9a-f-]{36}");

        DescribeUserResponse described = store.describeUser(r -> r.identityStoreId(storeId()).userId(userId));
        assertThat(described.userName()).isEqualTo(name);
        assertThat(described.displayName()).isEqualTo("Jane " + name);
        assertThat(described.name().givenName()).isEqualTo("Jane");
        assertThat(described.name().familyName()).isEqualTo("Doe");
        assertThat(described.emails()).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo(name + "@example.com");
            assertThat(e.primary()).isTrue();
        });
        assertThat(described.identityStoreId()).isEqualTo(storeId());
        assertThat(described.userStatusAsString()).isEqualTo("ENABLED");
        assertThat(described.createdBy()).isEqualTo("arn:aws:iam::" + described.createdBy().split(":")[4]
                + ":user/admin");
        assertThat(described.createdAt()).isNotNull();

        assertThat(store.getUserId(r -> r.identityStoreId(storeId()).alternateIdentifier(AlternateIdentifier
                .fromUniqueAttribute(UniqueAttribute.builder().attributePath("userName")
                        .attributeValue(Document.fromString(name.toUpperCase())).build()))).userId())
                .isEqualTo(userId);
        assertThat(store.getUserId(r -> r.identityStoreId(storeId()).alternateIdentifier(AlternateIdentifier
                .fromUniqueAttribute(UniqueAttribute.builder().attributePath("emails.value")
                        .attributeValue(Document.fromString(name + "@EXAMPLE.com")).build()))).userId())
                .isEqualTo(userId);

        store.updateUser(r -> r.identityStoreId(storeId()).userId(userId).operations(
                AttributeOperation.builder().attributePath("displayName").attributeValue(Document.fromString("J. D."))
                        .build(),
                AttributeOperation.builder().attributePath("name.givenName").attributeValue(Document.fromString("Jo"))
                        .build(),
                AttributeOperation.builder().attributePath("nickName").attributeValue(Document.fromNull()).build()));
        DescribeUserResponse updated = store.describeUser(r -> r.identityStoreId(storeId()).userId(userId));
        assertThat(updated.displayName()).isEqualTo("J. D.");
        assertThat(updated.name().givenName()).isEqualTo("Jo");
        assertThat(updated.name().familyName()).isEqualTo("Doe");
        assertThat(directory.userById(userId)).get().extracting(WorkforceUser::active).isEqualTo(true);

        store.deleteUser(r -> r.identityStoreId(storeId()).userId(userId));
        ResourceNotFoundException gone = catchThrowableOfType(ResourceNotFoundException.class,
                () -> store.describeUser(r -> r.identityStoreId(storeId()).userId(userId)));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(directory.isActive(userId)).isFalse();
        assertThat(directory.userById(userId)).isEmpty();
    }

    @Test
    void userNamesAreUniqueRegardlessOfCase() {
        String name = Iam.name("unique");
        createUser(name, name + "@example.com");
        ConflictException conflict = catchThrowableOfType(ConflictException.class,
                () -> createUser(name.toUpperCase(), "other@example.com"));
        assertThat(conflict.statusCode()).isEqualTo(409);
        ValidationException reserved = catchThrowableOfType(ValidationException.class,
                () -> createUser("Administrator", "admin@example.com"));
        assertThat(reserved.statusCode()).isEqualTo(400);
    }

    @Test
    void usersArePagedAndFiltered() {
        String prefix = Iam.name("page");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(createUser(prefix + "-" + i, prefix + i + "@example.com"));
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListUsersResponse page = store.listUsers(r -> r.identityStoreId(storeId()).maxResults(2).nextToken(next));
            assertThat(page.users().size()).isLessThanOrEqualTo(2);
            page.users().forEach(u -> assertThat(seen.add(u.userId())).as("no user twice").isTrue());
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 10_000);
        assertThat(seen).containsAll(created);

        ListUsersResponse filtered = store.listUsers(r -> r.identityStoreId(storeId()).filters(Filter.builder()
                .attributePath("UserName").attributeValue(prefix + "-3").build()));
        assertThat(filtered.users()).singleElement().satisfies(u -> assertThat(u.userName()).isEqualTo(prefix + "-3"));
    }

    @Test
    void groupsAndMembershipsWork() {
        String groupName = Iam.name("Engineers");
        String groupId = store.createGroup(r -> r.identityStoreId(storeId()).displayName(groupName)
                .description("All engineers")).groupId();
        DescribeGroupResponse group = store.describeGroup(r -> r.identityStoreId(storeId()).groupId(groupId));
        assertThat(group.displayName()).isEqualTo(groupName);
        assertThat(group.description()).isEqualTo("All engineers");
        assertThat(store.getGroupId(r -> r.identityStoreId(storeId()).alternateIdentifier(AlternateIdentifier
                .fromUniqueAttribute(UniqueAttribute.builder().attributePath("displayName")
                        .attributeValue(Document.fromString(groupName)).build()))).groupId()).isEqualTo(groupId);
        assertThat(catchThrowableOfType(ConflictException.class, () -> store.createGroup(r -> r
                .identityStoreId(storeId()).displayName(groupName.toLowerCase())))).isNotNull();

        String name = Iam.name("member");
        String userId = createUser(name, name + "@example.com");
        String otherGroup = store.createGroup(r -> r.identityStoreId(storeId()).displayName(Iam.name("Other")))
                .groupId();
        MemberId member = MemberId.fromUserId(userId);
        String membershipId = store.createGroupMembership(r -> r.identityStoreId(storeId()).groupId(groupId)
                .memberId(member)).membershipId();
        assertThat(catchThrowableOfType(ConflictException.class, () -> store.createGroupMembership(r -> r
                .identityStoreId(storeId()).groupId(groupId).memberId(member)))).isNotNull();

        List<GroupMembership> ofGroup = store.listGroupMemberships(r -> r.identityStoreId(storeId()).groupId(groupId))
                .groupMemberships();
        assertThat(ofGroup).singleElement().satisfies(m -> {
            assertThat(m.membershipId()).isEqualTo(membershipId);
            assertThat(m.memberId().userId()).isEqualTo(userId);
        });
        assertThat(store.listGroupMembershipsForMember(r -> r.identityStoreId(storeId()).memberId(member))
                .groupMemberships()).extracting(GroupMembership::groupId).containsExactly(groupId);
        List<GroupMembershipExistenceResult> results = store.isMemberInGroups(r -> r.identityStoreId(storeId())
                .memberId(member).groupIds(groupId, otherGroup)).results();
        assertThat(results).extracting(GroupMembershipExistenceResult::groupId, GroupMembershipExistenceResult::membershipExists)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(groupId, true),
                        org.assertj.core.groups.Tuple.tuple(otherGroup, false));
        assertThat(store.getGroupMembershipId(r -> r.identityStoreId(storeId()).groupId(groupId).memberId(member))
                .membershipId()).isEqualTo(membershipId);
        assertThat(directory.groupIdsOf(userId)).containsExactly(groupId);
        assertThat(store.describeGroupMembership(r -> r.identityStoreId(storeId()).membershipId(membershipId))
                .groupId()).isEqualTo(groupId);

        store.updateGroup(r -> r.identityStoreId(storeId()).groupId(groupId).operations(AttributeOperation.builder()
                .attributePath("description").attributeValue(Document.fromString("Builders")).build()));
        assertThat(store.describeGroup(r -> r.identityStoreId(storeId()).groupId(groupId)).description())
                .isEqualTo("Builders");

        store.deleteGroupMembership(r -> r.identityStoreId(storeId()).membershipId(membershipId));
        assertThat(store.listGroupMemberships(r -> r.identityStoreId(storeId()).groupId(groupId)).groupMemberships())
                .isEmpty();
        store.createGroupMembership(r -> r.identityStoreId(storeId()).groupId(otherGroup).memberId(member));
        store.deleteUser(r -> r.identityStoreId(storeId()).userId(userId));
        assertThat(store.listGroupMemberships(r -> r.identityStoreId(storeId()).groupId(otherGroup))
                .groupMemberships()).isEmpty();
        store.deleteGroup(r -> r.identityStoreId(storeId()).groupId(groupId));
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> store.describeGroup(r -> r
                .identityStoreId(storeId()).groupId(groupId)))).isNotNull();
    }

    @Test
    void badInputIsRefusedInTheModelsTerms() {
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> store.listUsers(r -> r
                .identityStoreId("d-0000000000"))).statusCode()).isEqualTo(404);
        assertThat(catchThrowableOfType(ValidationException.class, () -> store.listUsers(r -> r
                .identityStoreId("not-a-store"))).statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(ValidationException.class, () -> store.describeUser(r -> r
                .identityStoreId(storeId()).userId("x"))).statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> store.describeUser(r -> r
                .identityStoreId(storeId()).userId(UUID.randomUUID().toString()))).statusCode()).isEqualTo(404);
        assertThat(catchThrowableOfType(ValidationException.class, () -> store.listUsers(r -> r
                .identityStoreId(storeId()).maxResults(0))).statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(ValidationException.class, () -> store.listUsers(r -> r
                .identityStoreId(storeId()).nextToken("bm90LW91cnM="))).statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(ValidationException.class, () -> store.createUser(r -> r
                .identityStoreId(storeId()))).statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(ValidationException.class, () -> store.updateUser(r -> r
                .identityStoreId(storeId()).userId(createUser(Iam.name("op"), "op@example.com"))
                .operations(AttributeOperation.builder().attributePath("shoeSize")
                        .attributeValue(Document.fromString("9")).build()))).statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> store.getUserId(r -> r
                .identityStoreId(storeId()).alternateIdentifier(AlternateIdentifier.fromExternalId(e -> e
                        .issuer("okta").id("nobody"))))).statusCode()).isEqualTo(404);
    }

    @Test
    void callsAreAuthorizedByIdentityStoreActions() {
        IamClient iam = Iam.admin();
        Iam.Principal nobody = Iam.newUser(iam, "nobody");
        IdentitystoreClient denied = Workforce.client(nobody);
        AccessDeniedException refusal = catchThrowableOfType(AccessDeniedException.class,
                () -> denied.listUsers(r -> r.identityStoreId(storeId())));
        assertThat(refusal.statusCode()).isEqualTo(403);
        assertThat(refusal.getMessage()).contains("identitystore:ListUsers");

        Iam.Principal reader = Iam.newUser(iam, "reader");
        iam.putUserPolicy(r -> r.userName(reader.user().userName()).policyName("read").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"identitystore:List*\","
                        + "\"identitystore:Describe*\"],\"Resource\":\"*\"}]}"));
        IdentitystoreClient readOnly = Workforce.client(reader);
        assertThat(readOnly.listUsers(r -> r.identityStoreId(storeId())).users()).isNotNull();
        assertThat(catchThrowableOfType(AccessDeniedException.class, () -> readOnly.createUser(r -> r
                .identityStoreId(storeId()).userName(Iam.name("sneaky"))))).isNotNull();
    }

    @Test
    void callsAreAudited() {
        String name = Iam.name("audited");
        String userId = createUser(name, name + "@example.com");
        CloudTrailClient cloudTrail = CloudTrail.admin();
        List<Event> events = new ArrayList<>(cloudTrail.lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.EVENT_SOURCE).attributeValue("identitystore.amazonaws.com"))
                .maxResults(50)).events());
        assertThat(events).anySatisfy(e -> {
            assertThat(e.eventName()).isEqualTo("CreateUser");
            assertThat(e.readOnly()).isEqualTo("false");
            assertThat(e.cloudTrailEvent()).contains(userId);
        });
    }
}
