package io.gatehouse.server.workforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.identity.WorkforceDirectory;
import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.ConflictException;
import software.amazon.awssdk.services.ssoadmin.model.CustomerManagedPolicyReference;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;
import software.amazon.awssdk.services.ssoadmin.model.ListPermissionSetsResponse;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSet;
import software.amazon.awssdk.services.ssoadmin.model.PermissionsBoundary;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssoadmin.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.ssoadmin.model.SsoAdminException;
import software.amazon.awssdk.services.ssoadmin.model.Tag;
import software.amazon.awssdk.services.ssoadmin.model.ValidationException;

/**
 * The IAM Identity Center admin API's instance, permission sets, their policies and tags through
 * the unmodified AWS SDK for Java v2 SsoAdminClient on MariaDB: the model's shapes, pagination
 * and refusals.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class PermissionSetsCompatibilityTest {
    static final String ALLOW_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private final SsoAdminClient sso = Workforce.ssoAdmin();

    @Inject
    WorkforceDirectory directory;

    static InstanceMetadata instance(SsoAdminClient sso) {
        List<InstanceMetadata> instances = sso.listInstances(r -> { }).instances();
        assertThat(instances).hasSize(1);
        return instances.get(0);
    }

    private String instanceArn() {
        return instance(sso).instanceArn();
    }

    private String createPermissionSet(String name) {
        return sso.createPermissionSet(r -> r.instanceArn(instanceArn()).name(name)).permissionSet()
                .permissionSetArn();
    }

    @Test
    void theInstanceIsOverTheIdentityStoreAndOwnedByTheManagementAccount() {
        InstanceMetadata instance = instance(sso);
        assertThat(instance.instanceArn()).matches("arn:aws:sso:::instance/ssoins-[0-9a-f]{16}");
        assertThat(instance.identityStoreId()).isEqualTo(directory.identityStoreId());
        assertThat(instance.ownerAccountId()).matches("\\d{12}");
        assertThat(instance.statusAsString()).isEqualTo("ACTIVE");
        assertThat(instance.createdDate()).isNotNull();
        var described = sso.describeInstance(r -> r.instanceArn(instance.instanceArn()));
        assertThat(described.identityStoreId()).isEqualTo(directory.identityStoreId());
        assertThat(described.ownerAccountId()).isEqualTo(instance.ownerAccountId());

        ResourceNotFoundException other = catchThrowableOfType(ResourceNotFoundException.class,
                () -> sso.describeInstance(r -> r.instanceArn("arn:aws:sso:::instance/ssoins-0000000000000000")));
        assertThat(other.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        ValidationException malformed = catchThrowableOfType(ValidationException.class,
                () -> sso.describeInstance(r -> r.instanceArn("arn:aws:sso:::instance/nope")));
        assertThat(malformed.getMessage()).contains("instanceArn");
    }

    @Test
    void aPermissionSetIsCreatedDescribedUpdatedTaggedAndDeleted() {
        String name = "Dev" + Iam.name("ps").substring(3).replace("-", "");
        var created = sso.createPermissionSet(r -> r.instanceArn(instanceArn()).name(name).description("Developers")
                .sessionDuration("PT4H").relayState("https://console.example.com/")
                .tags(Tag.builder().key("team").value("payments").build())).permissionSet();
        assertThat(created.permissionSetArn()).matches(
                "arn:aws:sso:::permissionSet/ssoins-[0-9a-f]{16}/ps-[0-9a-f]{16}");
        assertThat(created.permissionSetArn()).contains(instanceArn().substring(instanceArn().indexOf("ssoins-")));
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.sessionDuration()).isEqualTo("PT4H");
        assertThat(created.createdDate()).isNotNull();

        PermissionSet described = sso.describePermissionSet(r -> r.instanceArn(instanceArn())
                .permissionSetArn(created.permissionSetArn())).permissionSet();
        assertThat(described.description()).isEqualTo("Developers");
        assertThat(described.relayState()).isEqualTo("https://console.example.com/");

        ConflictException duplicate = catchThrowableOfType(ConflictException.class, () -> sso.createPermissionSet(
                r -> r.instanceArn(instanceArn()).name(name.toUpperCase())));
        assertThat(duplicate.getMessage()).contains("already exists");

        sso.updatePermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(created.permissionSetArn())
                .description("Developers, all of them").sessionDuration("PT8H"));
        PermissionSet updated = sso.describePermissionSet(r -> r.instanceArn(instanceArn())
                .permissionSetArn(created.permissionSetArn())).permissionSet();
        assertThat(updated.description()).isEqualTo("Developers, all of them");
        assertThat(updated.sessionDuration()).isEqualTo("PT8H");

        assertThat(sso.listTagsForResource(r -> r.instanceArn(instanceArn()).resourceArn(created.permissionSetArn()))
                .tags()).containsExactly(Tag.builder().key("team").value("payments").build());
        sso.tagResource(r -> r.instanceArn(instanceArn()).resourceArn(created.permissionSetArn())
                .tags(Tag.builder().key("cost-center").value("42").build()));
        sso.untagResource(r -> r.instanceArn(instanceArn()).resourceArn(created.permissionSetArn()).tagKeys("team"));
        assertThat(sso.listTagsForResource(r -> r.instanceArn(instanceArn()).resourceArn(created.permissionSetArn()))
                .tags()).containsExactly(Tag.builder().key("cost-center").value("42").build());

        sso.deletePermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(created.permissionSetArn()));
        ResourceNotFoundException gone = catchThrowableOfType(ResourceNotFoundException.class,
                () -> sso.describePermissionSet(r -> r.instanceArn(instanceArn())
                        .permissionSetArn(created.permissionSetArn())));
        assertThat(gone.statusCode()).isLessThan(500);
    }

    @Test
    void permissionSetsArePagedWithNextToken() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(createPermissionSet("Page" + i + Iam.name("x").substring(2).replace("-", "")));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String next = token;
            ListPermissionSetsResponse page = sso.listPermissionSets(r -> r.instanceArn(instanceArn()).maxResults(2)
                    .nextToken(next));
            assertThat(page.permissionSets().size()).isLessThanOrEqualTo(2);
            seen.addAll(page.permissionSets());
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsAll(made).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(sso.listPermissionSetsPaginator(r -> r.instanceArn(instanceArn()).maxResults(1)).permissionSets()
                .stream().toList()).containsAll(made);
    }

    @Test
    void policiesOfAPermissionSetArePutListedAndRemoved() {
        String arn = createPermissionSet("Pol" + Iam.name("x").substring(2).replace("-", ""));
        sso.putInlinePolicyToPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn)
                .inlinePolicy(ALLOW_S3));
        assertThat(sso.getInlinePolicyForPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn))
                .inlinePolicy()).isEqualTo(ALLOW_S3);
        sso.deleteInlinePolicyFromPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn));
        assertThat(sso.getInlinePolicyForPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn))
                .inlinePolicy()).isNullOrEmpty();

        sso.attachManagedPolicyToPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn)
                .managedPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertThat(sso.listManagedPoliciesInPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn))
                .attachedManagedPolicies()).singleElement().satisfies(p -> {
                    assertThat(p.name()).isEqualTo("ReadOnlyAccess");
                    assertThat(p.arn()).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
                });
        assertThat(catchThrowableOfType(ConflictException.class, () -> sso.attachManagedPolicyToPermissionSet(
                r -> r.instanceArn(instanceArn()).permissionSetArn(arn)
                        .managedPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")))).isNotNull();
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> sso.attachManagedPolicyToPermissionSet(
                r -> r.instanceArn(instanceArn()).permissionSetArn(arn)
                        .managedPolicyArn("arn:aws:iam::aws:policy/NoSuchPolicyHere")))).isNotNull();
        sso.detachManagedPolicyFromPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn)
                .managedPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertThat(sso.listManagedPoliciesInPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn))
                .attachedManagedPolicies()).isEmpty();

        CustomerManagedPolicyReference ref = CustomerManagedPolicyReference.builder().name("TeamPolicy")
                .path("/teams/").build();
        sso.attachCustomerManagedPolicyReferenceToPermissionSet(r -> r.instanceArn(instanceArn())
                .permissionSetArn(arn).customerManagedPolicyReference(ref));
        assertThat(sso.listCustomerManagedPolicyReferencesInPermissionSet(r -> r.instanceArn(instanceArn())
                .permissionSetArn(arn)).customerManagedPolicyReferences()).containsExactly(ref);
        sso.detachCustomerManagedPolicyReferenceFromPermissionSet(r -> r.instanceArn(instanceArn())
                .permissionSetArn(arn).customerManagedPolicyReference(ref));
        assertThat(catchThrowableOfType(ResourceNotFoundException.class,
                () -> sso.detachCustomerManagedPolicyReferenceFromPermissionSet(r -> r.instanceArn(instanceArn())
                        .permissionSetArn(arn).customerManagedPolicyReference(ref)))).isNotNull();

        sso.putPermissionsBoundaryToPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn)
                .permissionsBoundary(PermissionsBoundary.builder().customerManagedPolicyReference(
                        CustomerManagedPolicyReference.builder().name("Boundary").build()).build()));
        PermissionsBoundary boundary = sso.getPermissionsBoundaryForPermissionSet(r -> r.instanceArn(instanceArn())
                .permissionSetArn(arn)).permissionsBoundary();
        assertThat(boundary.customerManagedPolicyReference().name()).isEqualTo("Boundary");
        assertThat(boundary.customerManagedPolicyReference().path()).isEqualTo("/");
        sso.deletePermissionsBoundaryFromPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn));
        assertThat(catchThrowableOfType(ResourceNotFoundException.class, () -> sso
                .getPermissionsBoundaryForPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn))))
                .isNotNull();
    }

    @Test
    void atMostTwentyManagedPoliciesAndReferences() {
        String arn = createPermissionSet("Many" + Iam.name("x").substring(2).replace("-", ""));
        for (int i = 0; i < 20; i++) {
            String policy = "P" + i;
            sso.attachCustomerManagedPolicyReferenceToPermissionSet(r -> r.instanceArn(instanceArn())
                    .permissionSetArn(arn).customerManagedPolicyReference(c -> c.name(policy)));
        }
        ServiceQuotaExceededException quota = catchThrowableOfType(ServiceQuotaExceededException.class,
                () -> sso.attachManagedPolicyToPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn)
                        .managedPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess")));
        assertThat(quota.getMessage()).contains("20");
    }

    @Test
    void malformedRequestsAreRefusedInAwsJsonErrorsNeverA500() throws Exception {
        String instance = instanceArn();
        String[][] cases = {
            {"CreatePermissionSet", "{\"InstanceArn\":\"" + instance + "\",\"Name\":5}", "SerializationException"},
            {"CreatePermissionSet", "{\"InstanceArn\":\"" + instance + "\",\"Name\":\"T\",\"Tags\":\"x\"}",
                "SerializationException"},
            {"CreatePermissionSet", "{\"InstanceArn\":\"" + instance + "\"}", "ValidationException"},
            {"CreatePermissionSet", "[1,2]", "SerializationException"},
            {"ListPermissionSets", "{}", "ValidationException"},
            {"ListPermissionSets", "{\"InstanceArn\":\"" + instance + "\",\"MaxResults\":\"ten\"}",
                "SerializationException"},
            {"CreateAccountAssignment", "{\"InstanceArn\":\"" + instance + "\",\"TargetId\":\"123\","
                + "\"TargetType\":\"AWS_ACCOUNT\"}", "ValidationException"},
            {"ProvisionPermissionSet", "{\"InstanceArn\":\"" + instance + "\",\"PermissionSetArn\":"
                + "\"arn:aws:sso:::permissionSet/ssoins-0000000000000000/ps-0000000000000000\","
                + "\"TargetType\":\"EVERYWHERE\"}", "ValidationException"},
            {"PutPermissionsBoundaryToPermissionSet", "{\"InstanceArn\":\"" + instance + "\",\"PermissionSetArn\":"
                + "\"arn:aws:sso:::permissionSet/ssoins-0000000000000000/ps-0000000000000000\","
                + "\"PermissionsBoundary\":{}}", "ValidationException"},
            {"CreateInstance", "{}", "UnknownOperationException"},
        };
        for (String[] c : cases) {
            var response = Scim.jsonCall("SWBExternalService." + c[0], c[1], Scim.admin());
            assertThat(response.statusCode()).as(c[0] + " " + c[1]).isBetween(400, 499);
            assertThat(Scim.MAPPER.readTree(response.body()).path("__type").asText()).as(c[0] + " " + c[1])
                    .isEqualTo(c[2]);
        }
    }

    @Test
    void inputOutsideTheModelIsRefusedWithValidationException() {
        String arn = createPermissionSet("Val" + Iam.name("x").substring(2).replace("-", ""));
        assertThat(catchThrowableOfType(ValidationException.class, () -> sso.createPermissionSet(
                r -> r.instanceArn(instanceArn()).name("has space")))).isNotNull();
        assertThat(catchThrowableOfType(ValidationException.class, () -> sso.createPermissionSet(
                r -> r.instanceArn(instanceArn()).name("x".repeat(33))))).isNotNull();
        ValidationException tooLong = catchThrowableOfType(ValidationException.class, () -> sso.createPermissionSet(
                r -> r.instanceArn(instanceArn()).name("LongSession").sessionDuration("PT13H")));
        assertThat(tooLong.getMessage()).contains("PT12H");
        assertThat(catchThrowableOfType(ValidationException.class, () -> sso.createPermissionSet(
                r -> r.instanceArn(instanceArn()).name("ShortSession").sessionDuration("PT30M")))).isNotNull();
        assertThat(catchThrowableOfType(ValidationException.class, () -> sso.putInlinePolicyToPermissionSet(
                r -> r.instanceArn(instanceArn()).permissionSetArn(arn).inlinePolicy("{\"Statement\":[]}"))))
                .isNotNull();
        String huge = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + "b".repeat(33_000) + "\"}]}";
        ValidationException size = catchThrowableOfType(ValidationException.class, () -> sso
                .putInlinePolicyToPermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(arn)
                        .inlinePolicy(huge)));
        assertThat(size.getMessage()).contains("32768");
        ResourceNotFoundException unknown = catchThrowableOfType(ResourceNotFoundException.class,
                () -> sso.describePermissionSet(r -> r.instanceArn(instanceArn()).permissionSetArn(
                        arn.substring(0, arn.length() - 16) + "0000000000000000")));
        assertThat(unknown.getMessage()).contains("PermissionSet");
        SsoAdminException wrongType = catchThrowableOfType(SsoAdminException.class, () -> sso.listPermissionSets(
                r -> r.instanceArn(instanceArn()).maxResults(0)));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(ValidationException.class, () -> sso.listPermissionSets(
                r -> r.instanceArn(instanceArn()).nextToken("not-ours")))).isNotNull();
    }
}
