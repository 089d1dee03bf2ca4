package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.Tag;

/** Managed policies and their versions and tags through the unmodified AWS SDK for Java v2. */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IamPoliciesCompatibilityTest {
    static final String ALLOW_LIST_USERS = allow("iam:ListUsers");
    static final String DENY_LIST_USERS = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", "
            + "\"Action\": \"iam:ListUsers\", \"Resource\": \"*\"}]}";

    private final IamClient iam = Iam.admin();

    static String allow(String... actions) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Grant\", \"Effect\": \"Allow\", \"Action\": [\""
                + String.join("\", \"", actions) + "\"], \"Resource\": \"*\"}]}";
    }

    static String decode(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    static Policy create(IamClient iam, String document) {
        return iam.createPolicy(r -> r.policyName(Iam.name("policy")).policyDocument(document)).policy();
    }

    @Test
    void createReadVersionAndDeleteAManagedPolicy() {
        String name = Iam.name("Readers");
        String path = "/" + Iam.name("team") + "/";
        Policy created = iam.createPolicy(r -> r.policyName(name).path(path).policyDocument(ALLOW_LIST_USERS)
                .description("Lets people list users").tags(Tag.builder().key("owner").value("ops").build())).policy();
        assertThat(created.policyId()).matches("ANPA[A-Z2-7]{17}");
        assertThat(created.arn()).matches("arn:aws:iam::\\d{12}:policy" + path + name);
        assertThat(created.defaultVersionId()).isEqualTo("v1");
        assertThat(created.attachmentCount()).isZero();
        assertThat(created.isAttachable()).isTrue();
        String arn = created.arn();

        assertThat(catchThrowableOfType(EntityAlreadyExistsException.class, () -> iam.createPolicy(r -> r
                .policyName(name.toLowerCase()).policyDocument(ALLOW_LIST_USERS))).awsErrorDetails().errorMessage())
                .isEqualTo("A policy called " + name.toLowerCase() + " already exists. Duplicate names are not allowed.");

        Policy fetched = iam.getPolicy(r -> r.policyArn(arn)).policy();
        assertThat(fetched.description()).isEqualTo("Lets people list users");
        assertThat(fetched.tags()).extracting(Tag::key).containsExactly("owner");
        assertThat(fetched.permissionsBoundaryUsageCount()).isZero();
        assertThat(fetched.createDate()).isEqualTo(created.createDate());

        PolicyVersion v1 = iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v1")).policyVersion();
        assertThat(v1.isDefaultVersion()).isTrue();
        assertThat(v1.document()).contains("%20").doesNotContain("{");
        assertThat(decode(v1.document())).isEqualTo(ALLOW_LIST_USERS);

        PolicyVersion v2 = iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(DENY_LIST_USERS)).policyVersion();
        assertThat(v2.versionId()).isEqualTo("v2");
        assertThat(v2.isDefaultVersion()).isFalse();
        assertThat(iam.listPolicyVersions(r -> r.policyArn(arn)).versions()).extracting(PolicyVersion::versionId)
                .containsExactly("v2", "v1");
        iam.setDefaultPolicyVersion(r -> r.policyArn(arn).versionId("v2"));
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v2");
        assertThat(decode(iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v2")).policyVersion().document()))
                .isEqualTo(DENY_LIST_USERS);

        DeleteConflictException defaultVersion = catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deletePolicyVersion(r -> r.policyArn(arn).versionId("v2")));
        assertThat(defaultVersion.statusCode()).isEqualTo(409);
        assertThat(defaultVersion.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete the default version of a policy.");
        DeleteConflictException versions = catchThrowableOfType(DeleteConflictException.class,
                () -> iam.deletePolicy(r -> r.policyArn(arn)));
        assertThat(versions.awsErrorDetails().errorMessage()).startsWith("This policy has more than one version.");

        for (int i = 3; i <= 5; i++) {
            iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(ALLOW_LIST_USERS).setAsDefault(true));
        }
        LimitExceededException sixth = catchThrowableOfType(LimitExceededException.class,
                () -> iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(ALLOW_LIST_USERS)));
        assertThat(sixth.awsErrorDetails().errorMessage()).isEqualTo("A managed policy can have up to 5 versions. "
                + "Before you create a new version, you must delete an existing version.");
        assertThat(iam.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v5");
        NoSuchEntityException noVersion = catchThrowableOfType(NoSuchEntityException.class,
                () -> iam.getPolicyVersion(r -> r.policyArn(arn).versionId("v9")));
        assertThat(noVersion.statusCode()).isEqualTo(404);

        iam.tagPolicy(r -> r.policyArn(arn).tags(Tag.builder().key("stage").value("prod").build()));
        iam.untagPolicy(r -> r.policyArn(arn).tagKeys("owner"));
        assertThat(iam.listPolicyTags(r -> r.policyArn(arn)).tags()).extracting(Tag::key).containsExactly("stage");

        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL).pathPrefix(path)).policies())
                .extracting(Policy::arn).containsExactly(arn);
        for (String version : List.of("v1", "v2", "v3", "v4")) {
            iam.deletePolicyVersion(r -> r.policyArn(arn).versionId(version));
        }
        iam.deletePolicy(r -> r.policyArn(arn));
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> iam.getPolicy(r -> r.policyArn(arn)))
                .awsErrorDetails().errorMessage()).isEqualTo("Policy " + arn + " was not found.");
    }

    @Test
    void listPoliciesPagesAndFiltersByScope() {
        String path = "/" + Iam.name("paging") + "/";
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            arns.add(iam.createPolicy(r -> r.policyName(Iam.name("page" + n)).path(path).policyDocument(ALLOW_LIST_USERS))
                    .policy().arn());
        }
        var first = iam.listPolicies(r -> r.pathPrefix(path).maxItems(2));
        assertThat(first.policies()).hasSize(2);
        assertThat(first.isTruncated()).isTrue();
        List<String> all = iam.listPoliciesPaginator(r -> r.pathPrefix(path).maxItems(2)).policies().stream()
                .map(Policy::arn).toList();
        assertThat(all).containsExactlyInAnyOrderElementsOf(arns);
        assertThat(iam.listPolicies(r -> r.pathPrefix(path).onlyAttached(true)).policies()).isEmpty();

        List<String> aws = iam.listPoliciesPaginator(r -> r.scope(PolicyScopeType.AWS)).policies().stream()
                .map(Policy::arn).toList();
        assertThat(aws).contains("arn:aws:iam::aws:policy/AdministratorAccess").allMatch(a -> a.contains("::aws:"));
        arns.forEach(a -> iam.deletePolicy(r -> r.policyArn(a)));
    }

    @Test
    void gatehouseManagedPoliciesAreReadableButNeverChangeable() {
        String admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        Policy policy = iam.getPolicy(r -> r.policyArn(admin)).policy();
        assertThat(policy.policyName()).isEqualTo("AdministratorAccess");
        assertThat(policy.attachmentCount()).isGreaterThanOrEqualTo(1); // the bootstrap administrator
        assertThat(decode(iam.getPolicyVersion(r -> r.policyArn(admin).versionId("v1")).policyVersion().document()))
                .contains("\"Action\":\"*\"");

        for (Runnable change : List.<Runnable>of(
                () -> iam.deletePolicy(r -> r.policyArn(admin)),
                () -> iam.createPolicyVersion(r -> r.policyArn(admin).policyDocument(ALLOW_LIST_USERS)),
                () -> iam.setDefaultPolicyVersion(r -> r.policyArn(admin).versionId("v1")),
                () -> iam.tagPolicy(r -> r.policyArn(admin).tags(Tag.builder().key("k").value("v").build())))) {
            IamException e = catchThrowableOfType(IamException.class, change::run);
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        }
        assertThat(iam.getPolicy(r -> r.policyArn(admin)).policy().defaultVersionId()).isEqualTo("v1");
    }

    @Test
    void malformedDocumentsGetTheEnginesMessage() {
        String name = Iam.name("bad");
        for (String document : List.of("{not json", ALLOW_LIST_USERS.replace("\"Allow\"", "\"allow\""),
                ALLOW_LIST_USERS.replace("\"Version\"", "\"Colour\": \"blue\", \"Version\""),
                allow("iam:ListUsers", "iam:" + "x".repeat(6_200)))) {
            IamException e = catchThrowableOfType(IamException.class,
                    () -> iam.createPolicy(r -> r.policyName(name).policyDocument(document)));
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
            assertThat(e.awsErrorDetails().errorMessage()).isNotBlank();
        }
        IamException effect = catchThrowableOfType(IamException.class, () -> iam.createPolicy(r -> r.policyName(name)
                .policyDocument(ALLOW_LIST_USERS.replace("\"Allow\"", "\"allow\""))));
        assertThat(effect.awsErrorDetails().errorMessage()).contains("Effect").contains("allow");
        IamException size = catchThrowableOfType(IamException.class, () -> iam.createPolicy(r -> r.policyName(name)
                .policyDocument(allow("iam:" + "x".repeat(6_200)))));
        assertThat(size.awsErrorDetails().errorMessage()).contains("6144");
        assertThat(catchThrowableOfType(NoSuchEntityException.class, () -> iam.getPolicy(r -> r.policyArn(
                "arn:aws:iam::123456789012:policy/" + name)))).isNotNull();

        IamException badName = catchThrowableOfType(IamException.class,
                () -> iam.createPolicy(r -> r.policyName("bad name").policyDocument(ALLOW_LIST_USERS)));
        assertThat(badName.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        IamException badArn = catchThrowableOfType(IamException.class,
                () -> iam.getPolicy(r -> r.policyArn("not-an-arn-of-a-policy")));
        assertThat(badArn.statusCode()).isEqualTo(400);
    }
}
