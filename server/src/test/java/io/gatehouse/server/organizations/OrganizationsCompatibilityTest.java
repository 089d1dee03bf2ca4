package io.gatehouse.server.organizations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.identity.OrganizationDirectory;
import io.gatehouse.server.cloudtrail.CloudTrail;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountNotFoundException;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.organizations.model.ChildNotFoundException;
import software.amazon.awssdk.services.organizations.model.ChildType;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.CreateAccountState;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatusNotFoundException;
import software.amazon.awssdk.services.organizations.model.DestinationParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.DuplicateAccountException;
import software.amazon.awssdk.services.organizations.model.DuplicateOrganizationalUnitException;
import software.amazon.awssdk.services.organizations.model.DuplicatePolicyAttachmentException;
import software.amazon.awssdk.services.organizations.model.DuplicatePolicyException;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.organizations.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnitNotEmptyException;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnitNotFoundException;
import software.amazon.awssdk.services.organizations.model.ParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.Policy;
import software.amazon.awssdk.services.organizations.model.PolicyInUseException;
import software.amazon.awssdk.services.organizations.model.PolicyNotAttachedException;
import software.amazon.awssdk.services.organizations.model.PolicyNotFoundException;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.Root;
import software.amazon.awssdk.services.organizations.model.SourceParentNotFoundException;
import software.amazon.awssdk.services.organizations.model.Tag;
import software.amazon.awssdk.services.organizations.model.TargetNotFoundException;

/**
 * The Organizations API through the unmodified AWS SDK for Java v2 OrganizationsClient on MariaDB:
 * the organization and its root, accounts, OUs, service control policies, tags, pagination, the
 * model's refusals (with their Reason), and the audit records.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class OrganizationsCompatibilityTest {
    static final String DENY_CREATE_USER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"iam:CreateUser\",\"Resource\":\"*\"}]}";

    private final OrganizationsClient orgs = Orgs.admin();

    @Inject
    OrganizationDirectory directory;

    private String rootId() {
        return orgs.listRoots(r -> {}).roots().get(0).id();
    }

    @Test
    void theOrganizationExistsWithAllFeaturesAndScpsEnabled() {
        Organization org = orgs.describeOrganization(r -> {}).organization();
        String management = Orgs.sts(Orgs.adminCredentials()).getCallerIdentity(r -> {}).account();
        assertThat(org.id()).matches("o-[a-z0-9]{10}");
        assertThat(org.arn()).isEqualTo("arn:aws:organizations::" + management + ":organization/" + org.id());
        assertThat(org.featureSetAsString()).isEqualTo("ALL");
        assertThat(org.masterAccountId()).isEqualTo(management);
        assertThat(org.masterAccountArn()).isEqualTo("arn:aws:organizations::" + management + ":account/" + org.id()
                + "/" + management);
        assertThat(org.availablePolicyTypes()).anySatisfy(t -> {
            assertThat(t.typeAsString()).isEqualTo("SERVICE_CONTROL_POLICY");
            assertThat(t.statusAsString()).isEqualTo("ENABLED");
        });
        assertThat(directory.organizationId()).isEqualTo(org.id());
        assertThat(directory.managementAccountId()).isEqualTo(management);
        assertThat(directory.activeAccountIds()).contains(management);

        AlreadyInOrganizationException again = catchThrowableOfType(AlreadyInOrganizationException.class,
                () -> orgs.createOrganization(r -> r.featureSet("ALL")));
        assertThat(again.statusCode()).isEqualTo(400);

        List<Root> roots = orgs.listRoots(r -> {}).roots();
        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root.id()).matches("r-[a-z0-9]{4}");
            assertThat(root.name()).isEqualTo("Root");
            assertThat(root.arn()).isEqualTo("arn:aws:organizations::" + management + ":root/" + org.id() + "/"
                    + root.id());
            assertThat(root.policyTypes()).singleElement().satisfies(t -> {
                assertThat(t.typeAsString()).isEqualTo("SERVICE_CONTROL_POLICY");
                assertThat(t.statusAsString()).isEqualTo("ENABLED");
            });
        });
        assertThat(orgs.listPoliciesForTarget(r -> r.targetId(roots.get(0).id())
                .filter(PolicyType.SERVICE_CONTROL_POLICY)).policies()).anySatisfy(p -> {
                    assertThat(p.id()).isEqualTo("p-FullAWSAccess");
                    assertThat(p.arn()).isEqualTo(
                            "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess");
                    assertThat(p.awsManaged()).isTrue();
                });
        Account self = orgs.describeAccount(r -> r.accountId(management)).account();
        assertThat(self.joinedMethodAsString()).isEqualTo("INVITED");
        assertThat(self.statusAsString()).isEqualTo("ACTIVE");
    }

    @Test
    void createAccountMakesAnActiveMemberUnderTheRootWithItsAccessRole() {
        String name = Iam.name("member");
        CreateAccountStatus status = orgs.createAccount(r -> r.accountName(name).email(name + "@example.com")
                .tags(Tag.builder().key("team").value("payments").build())).createAccountStatus();
        assertThat(status.id()).matches("car-[0-9a-f]{32}");
        assertThat(status.state()).isEqualTo(CreateAccountState.SUCCEEDED);
        assertThat(status.accountName()).isEqualTo(name);
        assertThat(status.accountId()).matches("[1-9][0-9]{11}");
        assertThat(status.requestedTimestamp()).isNotNull();
        assertThat(status.completedTimestamp()).isNotNull();
        String id = status.accountId();

        assertThat(orgs.describeCreateAccountStatus(r -> r.createAccountRequestId(status.id())).createAccountStatus()
                .accountId()).isEqualTo(id);
        List<CreateAccountStatus> statuses = new ArrayList<>();
        orgs.listCreateAccountStatusPaginator(r -> r.states(CreateAccountState.SUCCEEDED).maxResults(1))
                .forEach(p -> statuses.addAll(p.createAccountStatuses()));
        assertThat(statuses).extracting(CreateAccountStatus::id).contains(status.id());

        Account account = orgs.describeAccount(r -> r.accountId(id)).account();
        assertThat(account.name()).isEqualTo(name);
        assertThat(account.email()).isEqualTo(name + "@example.com");
        assertThat(account.statusAsString()).isEqualTo("ACTIVE");
        assertThat(account.joinedMethodAsString()).isEqualTo("CREATED");
        assertThat(account.joinedTimestamp()).isNotNull();
        assertThat(account.arn()).endsWith(":account/" + orgs.describeOrganization(r -> {}).organization().id() + "/"
                + id);

        List<Account> all = new ArrayList<>();
        ListAccountsResponse first = orgs.listAccounts(r -> r.maxResults(1));
        assertThat(first.accounts()).hasSize(1);
        assertThat(first.nextToken()).isNotNull();
        orgs.listAccountsPaginator(r -> r.maxResults(2)).forEach(p -> all.addAll(p.accounts()));
        assertThat(all).extracting(Account::id).contains(id).doesNotHaveDuplicates();

        String root = rootId();
        assertThat(orgs.listParents(r -> r.childId(id)).parents()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(root);
            assertThat(p.typeAsString()).isEqualTo("ROOT");
        });
        List<String> underRoot = new ArrayList<>();
        orgs.listAccountsForParentPaginator(r -> r.parentId(root)).forEach(p -> p.accounts()
                .forEach(a -> underRoot.add(a.id())));
        assertThat(underRoot).contains(id);
        assertThat(orgs.listPoliciesForTarget(r -> r.targetId(id).filter(PolicyType.SERVICE_CONTROL_POLICY))
                .policies()).extracting(PolicySummary::name).containsExactly("FullAWSAccess");

        assertThat(orgs.listTagsForResource(r -> r.resourceId(id)).tags()).singleElement()
                .satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=payments"));
        assertThat(directory.accountTags(id)).isEqualTo(Map.of("team", "payments"));
        assertThat(directory.accountExists(id)).isTrue();
        assertThat(directory.accountActive(id)).isTrue();
        assertThat(directory.activeAccountIds()).contains(id);

        // The access role: the management administrator assumes it and administers the account.
        var session = Orgs.assumeAccessRole(id);
        assertThat(Orgs.sts(session).getCallerIdentity(r -> {}).account()).isEqualTo(id);
        assertThat(Iam.client(session).getRole(r -> r.roleName("OrganizationAccountAccessRole")).role()
                .assumeRolePolicyDocument()).contains("AssumeRole");
    }

    @Test
    void aDuplicateEmailFailsTheRequestAsAwsDoes() {
        CreateAccountStatus created = Orgs.newAccount(orgs, "dup");
        String email = orgs.describeAccount(r -> r.accountId(created.accountId())).account().email();
        CreateAccountStatus failed = orgs.createAccount(r -> r.accountName("other").email(email.toUpperCase()))
                .createAccountStatus();
        assertThat(failed.state()).isEqualTo(CreateAccountState.FAILED);
        assertThat(failed.failureReasonAsString()).isEqualTo("EMAIL_ALREADY_EXISTS");
        assertThat(failed.accountId()).isNull();
        assertThat(orgs.describeCreateAccountStatus(r -> r.createAccountRequestId(failed.id())).createAccountStatus()
                .stateAsString()).isEqualTo("FAILED");
    }

    @Test
    void organizationalUnitsNestMoveAccountsAndRefuseAsTheModelSays() {
        String root = rootId();
        String name = Iam.name("ou");
        OrganizationalUnit ou = orgs.createOrganizationalUnit(r -> r.parentId(root).name(name))
                .organizationalUnit();
        assertThat(ou.id()).matches("ou-" + root.substring(2) + "-[a-z0-9]{8}");
        assertThat(ou.arn()).contains(":ou/o-").endsWith("/" + ou.id());
        assertThat(catchThrowableOfType(DuplicateOrganizationalUnitException.class,
                () -> orgs.createOrganizationalUnit(r -> r.parentId(root).name(name)))).isNotNull();
        assertThat(orgs.describeOrganizationalUnit(r -> r.organizationalUnitId(ou.id())).organizationalUnit().name())
                .isEqualTo(name);
        assertThat(orgs.updateOrganizationalUnit(r -> r.organizationalUnitId(ou.id()).name(name + "-x"))
                .organizationalUnit().name()).isEqualTo(name + "-x");
        List<String> ous = new ArrayList<>();
        orgs.listOrganizationalUnitsForParentPaginator(r -> r.parentId(root).maxResults(1))
                .forEach(p -> p.organizationalUnits().forEach(u -> ous.add(u.id())));
        assertThat(ous).contains(ou.id());
        assertThat(orgs.listChildren(r -> r.parentId(root).childType(ChildType.ORGANIZATIONAL_UNIT).maxResults(20))
                .children()).anySatisfy(c -> assertThat(c.id()).isEqualTo(ou.id()));
        assertThat(orgs.listPoliciesForTarget(r -> r.targetId(ou.id()).filter(PolicyType.SERVICE_CONTROL_POLICY))
                .policies()).extracting(PolicySummary::id).containsExactly("p-FullAWSAccess");

        String account = Orgs.newAccount(orgs, "mover").accountId();
        orgs.moveAccount(r -> r.accountId(account).sourceParentId(root).destinationParentId(ou.id()));
        assertThat(orgs.listParents(r -> r.childId(account)).parents().get(0).id()).isEqualTo(ou.id());
        assertThat(orgs.listChildren(r -> r.parentId(ou.id()).childType(ChildType.ACCOUNT)).children())
                .singleElement().satisfies(c -> {
                    assertThat(c.id()).isEqualTo(account);
                    assertThat(c.typeAsString()).isEqualTo("ACCOUNT");
                });
        assertThat(catchThrowableOfType(DuplicateAccountException.class, () -> orgs.moveAccount(r -> r
                .accountId(account).sourceParentId(ou.id()).destinationParentId(ou.id())))).isNotNull();
        assertThat(catchThrowableOfType(AccountNotFoundException.class, () -> orgs.moveAccount(r -> r
                .accountId(account).sourceParentId(root).destinationParentId(ou.id())))).isNotNull();
        String unknownOu = "ou-" + root.substring(2) + "-zzzzzzzz";
        assertThat(catchThrowableOfType(SourceParentNotFoundException.class, () -> orgs.moveAccount(r -> r
                .accountId(account).sourceParentId(unknownOu).destinationParentId(root)))).isNotNull();
        assertThat(catchThrowableOfType(DestinationParentNotFoundException.class, () -> orgs.moveAccount(r -> r
                .accountId(account).sourceParentId(ou.id()).destinationParentId(unknownOu)))).isNotNull();
        assertThat(catchThrowableOfType(AccountNotFoundException.class, () -> orgs.moveAccount(r -> r
                .accountId("000000000000").sourceParentId(ou.id()).destinationParentId(root)))).isNotNull();

        assertThat(catchThrowableOfType(OrganizationalUnitNotEmptyException.class,
                () -> orgs.deleteOrganizationalUnit(r -> r.organizationalUnitId(ou.id())))).isNotNull();
        orgs.moveAccount(r -> r.accountId(account).sourceParentId(ou.id()).destinationParentId(root));
        orgs.deleteOrganizationalUnit(r -> r.organizationalUnitId(ou.id()));
        assertThat(catchThrowableOfType(OrganizationalUnitNotFoundException.class,
                () -> orgs.describeOrganizationalUnit(r -> r.organizationalUnitId(ou.id())))).isNotNull();
        assertThat(catchThrowableOfType(ParentNotFoundException.class,
                () -> orgs.listChildren(r -> r.parentId(unknownOu).childType(ChildType.ACCOUNT)))).isNotNull();
        assertThat(catchThrowableOfType(ChildNotFoundException.class,
                () -> orgs.listParents(r -> r.childId(unknownOu)))).isNotNull();
    }

    @Test
    void organizationalUnitsNestAtMostFiveDeep() {
        String parent = rootId();
        for (int depth = 1; depth <= 5; depth++) {
            String p = parent;
            parent = orgs.createOrganizationalUnit(r -> r.parentId(p).name(Iam.name("level"))).organizationalUnit().id();
        }
        String fifth = parent;
        ConstraintViolationException tooDeep = catchThrowableOfType(ConstraintViolationException.class,
                () -> orgs.createOrganizationalUnit(r -> r.parentId(fifth).name("sixth")));
        assertThat(tooDeep.reasonAsString()).isEqualTo("OU_DEPTH_LIMIT_EXCEEDED");
    }

    @Test
    void serviceControlPoliciesAreCreatedAttachedDetachedAndDeleted() {
        String name = Iam.name("scp");
        PolicySummary created = orgs.createPolicy(r -> r.name(name).description("no users").content(DENY_CREATE_USER)
                .type(PolicyType.SERVICE_CONTROL_POLICY)).policy().policySummary();
        assertThat(created.id()).matches("p-[a-z0-9]{8}");
        assertThat(created.arn()).matches("arn:aws:organizations::\\d{12}:policy/o-[a-z0-9]{10}/service_control_policy/"
                + created.id());
        assertThat(created.awsManaged()).isFalse();
        Policy described = orgs.describePolicy(r -> r.policyId(created.id())).policy();
        assertThat(described.content()).isEqualTo(DENY_CREATE_USER);
        assertThat(described.policySummary().description()).isEqualTo("no users");

        assertThat(catchThrowableOfType(DuplicatePolicyException.class, () -> orgs.createPolicy(r -> r.name(name)
                .description("").content(DENY_CREATE_USER).type(PolicyType.SERVICE_CONTROL_POLICY)))).isNotNull();
        assertThat(catchThrowableOfType(MalformedPolicyDocumentException.class, () -> orgs.createPolicy(r -> r
                .name(Iam.name("bad")).description("").content("{\"Statement\":[{\"Effect\":\"Maybe\"}]}")
                .type(PolicyType.SERVICE_CONTROL_POLICY)))).isNotNull();
        String huge = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:"
                + "x".repeat(5200) + "\",\"Resource\":\"*\"}]}";
        ConstraintViolationException tooBig = catchThrowableOfType(ConstraintViolationException.class, () -> orgs
                .createPolicy(r -> r.name(Iam.name("big")).description("").content(huge)
                        .type(PolicyType.SERVICE_CONTROL_POLICY)));
        assertThat(tooBig.reasonAsString()).isEqualTo("POLICY_CONTENT_LIMIT_EXCEEDED");

        String ou = orgs.createOrganizationalUnit(r -> r.parentId(rootId()).name(Iam.name("scp-ou")))
                .organizationalUnit().id();
        orgs.attachPolicy(r -> r.policyId(created.id()).targetId(ou));
        assertThat(catchThrowableOfType(DuplicatePolicyAttachmentException.class,
                () -> orgs.attachPolicy(r -> r.policyId(created.id()).targetId(ou)))).isNotNull();
        assertThat(orgs.listTargetsForPolicy(r -> r.policyId(created.id())).targets()).singleElement().satisfies(t -> {
            assertThat(t.targetId()).isEqualTo(ou);
            assertThat(t.typeAsString()).isEqualTo("ORGANIZATIONAL_UNIT");
            assertThat(t.arn()).endsWith("/" + ou);
        });
        List<String> onOu = new ArrayList<>();
        orgs.listPoliciesForTargetPaginator(r -> r.targetId(ou).filter(PolicyType.SERVICE_CONTROL_POLICY)
                .maxResults(1)).forEach(p -> p.policies().forEach(s -> onOu.add(s.id())));
        assertThat(onOu).containsExactlyInAnyOrder("p-FullAWSAccess", created.id());
        assertThat(catchThrowableOfType(PolicyInUseException.class,
                () -> orgs.deletePolicy(r -> r.policyId(created.id())))).isNotNull();

        orgs.detachPolicy(r -> r.policyId(created.id()).targetId(ou));
        assertThat(catchThrowableOfType(PolicyNotAttachedException.class,
                () -> orgs.detachPolicy(r -> r.policyId(created.id()).targetId(ou)))).isNotNull();
        ConstraintViolationException last = catchThrowableOfType(ConstraintViolationException.class,
                () -> orgs.detachPolicy(r -> r.policyId("p-FullAWSAccess").targetId(ou)));
        assertThat(last.reasonAsString()).isEqualTo("MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED");
        InvalidInputException immutable = catchThrowableOfType(InvalidInputException.class,
                () -> orgs.updatePolicy(r -> r.policyId("p-FullAWSAccess").name("Mine")));
        assertThat(immutable.reasonAsString()).isEqualTo("IMMUTABLE_POLICY");

        assertThat(orgs.updatePolicy(r -> r.policyId(created.id()).name(name + "-2").description("changed"))
                .policy().policySummary().name()).isEqualTo(name + "-2");
        List<String> listed = new ArrayList<>();
        orgs.listPoliciesPaginator(r -> r.filter(PolicyType.SERVICE_CONTROL_POLICY).maxResults(1))
                .forEach(p -> p.policies().forEach(s -> listed.add(s.id())));
        assertThat(listed).contains("p-FullAWSAccess", created.id()).doesNotHaveDuplicates();
        orgs.deletePolicy(r -> r.policyId(created.id()));
        assertThat(catchThrowableOfType(PolicyNotFoundException.class,
                () -> orgs.describePolicy(r -> r.policyId(created.id())))).isNotNull();
    }

    @Test
    void badAndUnknownIdsAreRefusedWithTheModelsErrors() {
        InvalidInputException badId = catchThrowableOfType(InvalidInputException.class,
                () -> orgs.describeAccount(r -> r.accountId("123")));
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.reasonAsString()).isEqualTo("INVALID_PATTERN_TARGET_ID");
        assertThat(catchThrowableOfType(AccountNotFoundException.class,
                () -> orgs.describeAccount(r -> r.accountId("000000000001")))).isNotNull();
        assertThat(catchThrowableOfType(PolicyNotFoundException.class,
                () -> orgs.describePolicy(r -> r.policyId("p-00000000")))).isNotNull();
        assertThat(catchThrowableOfType(TargetNotFoundException.class,
                () -> orgs.attachPolicy(r -> r.policyId("p-FullAWSAccess").targetId("000000000001")))).isNotNull();
        assertThat(catchThrowableOfType(CreateAccountStatusNotFoundException.class,
                () -> orgs.describeCreateAccountStatus(r -> r.createAccountRequestId("car-0123456789abcdef"))))
                .isNotNull();
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> orgs.listAccounts(r -> r.maxResults(21))).reasonAsString()).isEqualTo("MAX_VALUE_EXCEEDED");
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> orgs.listAccounts(r -> r.nextToken("not-ours"))).reasonAsString())
                .isEqualTo("INVALID_NEXT_TOKEN");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> orgs.createAccount(r -> r
                .accountName("x").email("not-an-email"))).reasonAsString()).isEqualTo("INVALID_PATTERN");
        String management = orgs.describeOrganization(r -> {}).organization().masterAccountId();
        assertThat(catchThrowableOfType(ConstraintViolationException.class,
                () -> orgs.closeAccount(r -> r.accountId(management))).reasonAsString())
                .isEqualTo("CANNOT_CLOSE_MANAGEMENT_ACCOUNT");
        assertThat(catchThrowableOfType(TargetNotFoundException.class,
                () -> orgs.listTagsForResource(r -> r.resourceId("p-zzzzzzzz")))).isNotNull();
    }

    @Test
    void accountsOusRootsAndPoliciesAreTagged() {
        String account = Orgs.newAccount(orgs, "tagged").accountId();
        String ou = orgs.createOrganizationalUnit(r -> r.parentId(rootId()).name(Iam.name("tag-ou"))
                .tags(Tag.builder().key("env").value("prod").build())).organizationalUnit().id();
        String policy = orgs.createPolicy(r -> r.name(Iam.name("tag-scp")).description("").content(DENY_CREATE_USER)
                .type(PolicyType.SERVICE_CONTROL_POLICY)).policy().policySummary().id();
        for (String id : List.of(account, ou, policy, rootId())) {
            orgs.tagResource(r -> r.resourceId(id).tags(Tag.builder().key("team").value("payments").build(),
                    Tag.builder().key("cost").value("42").build()));
            assertThat(orgs.listTagsForResource(r -> r.resourceId(id)).tags()).extracting(Tag::key)
                    .contains("team", "cost");
            orgs.untagResource(r -> r.resourceId(id).tagKeys("cost"));
            assertThat(orgs.listTagsForResource(r -> r.resourceId(id)).tags()).extracting(Tag::key)
                    .contains("team").doesNotContain("cost");
        }
        assertThat(directory.accountTags(account)).isEqualTo(Map.of("team", "payments"));
        assertThat(orgs.listTagsForResource(r -> r.resourceId(ou)).tags()).extracting(Tag::key).contains("env");
        InvalidInputException reserved = catchThrowableOfType(InvalidInputException.class, () -> orgs.tagResource(r -> r
                .resourceId(account).tags(Tag.builder().key("aws:x").value("y").build())));
        assertThat(reserved.reasonAsString()).isEqualTo("INVALID_SYSTEM_TAGS_PARAMETER");
    }

    @Test
    void callsAreAudited() {
        String name = Iam.name("audited-ou");
        String ou = orgs.createOrganizationalUnit(r -> r.parentId(rootId()).name(name)).organizationalUnit().id();
        CloudTrailClient cloudTrail = CloudTrail.admin();
        List<Event> events = new ArrayList<>(cloudTrail.lookupEvents(r -> r.lookupAttributes(a -> a
                .attributeKey(LookupAttributeKey.EVENT_SOURCE).attributeValue("organizations.amazonaws.com"))
                .maxResults(50)).events());
        assertThat(events).anySatisfy(e -> {
            assertThat(e.eventName()).isEqualTo("CreateOrganizationalUnit");
            assertThat(e.readOnly()).isEqualTo("false");
            assertThat(e.cloudTrailEvent()).contains(ou).contains(name);
        });
    }
}
