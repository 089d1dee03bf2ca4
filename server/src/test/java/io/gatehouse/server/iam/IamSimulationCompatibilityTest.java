package io.gatehouse.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicySourceType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

/** The IAM policy simulator (SimulateCustomPolicy, SimulatePrincipalPolicy) through the AWS SDK. */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class IamSimulationCompatibilityTest {
    private static final String POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
                {
                  "Sid": "FromOffice",
                  "Effect": "Allow",
                  "Action": "s3:PutObject",
                  "Resource": "arn:aws:s3:::reports/*",
                  "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
                }
              ]
            }""";

    private final IamClient iam = Iam.admin();

    @Test
    void customPolicyAllowsDeniesAndExplainsWhich() {
        ContextEntry office = ContextEntry.builder().contextKeyName("aws:SourceIp")
                .contextKeyType(ContextKeyTypeEnum.IP).contextKeyValues("203.0.113.7").build();
        List<EvaluationResult> results = iam.simulateCustomPolicy(r -> r.policyInputList(POLICY)
                .actionNames("s3:GetObject", "s3:DeleteObject", "s3:PutObject", "s3:ListBucket")
                .resourceArns("arn:aws:s3:::reports/q1.csv").contextEntries(office)).evaluationResults();
        assertThat(results).extracting(EvaluationResult::evalDecision).containsExactly(
                PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.EXPLICIT_DENY,
                PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(results).extracting(EvaluationResult::evalResourceName).containsOnly("arn:aws:s3:::reports/q1.csv");

        Statement read = results.get(0).matchedStatements().get(0);
        assertThat(read.sourcePolicyId()).isEqualTo("PolicyInputList.1");
        assertThat(read.sourcePolicyType()).isEqualTo(PolicySourceType.NONE);
        assertThat(read.startPosition().line()).isEqualTo(4);
        assertThat(read.startPosition().column()).isEqualTo(5);
        assertThat(read.endPosition().line()).isEqualTo(4);
        Statement deny = results.get(1).matchedStatements().get(0);
        assertThat(deny.startPosition().line()).isEqualTo(5);
        Statement office1 = results.get(2).matchedStatements().get(0);
        assertThat(office1.startPosition().line()).isEqualTo(6);
        assertThat(office1.endPosition().line()).isEqualTo(12);
        assertThat(results.get(3).matchedStatements()).isEmpty();
        assertThat(results.get(2).missingContextValues()).isEmpty();
    }

    @Test
    void aMissingConditionKeyIsReportedAndDenies() {
        EvaluationResult put = iam.simulateCustomPolicy(r -> r.policyInputList(POLICY).actionNames("s3:PutObject")
                .resourceArns("arn:aws:s3:::reports/q1.csv")).evaluationResults().get(0);
        assertThat(put.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(put.missingContextValues()).containsExactly("aws:SourceIp");
    }

    @Test
    void theAdministratorIsAllowedAnythingByAdministratorAccess() {
        String adminArn = iam.getUser().user().arn();
        SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(r -> r.policySourceArn(adminArn)
                .actionNames("iam:CreateUser", "s3:GetObject", "ec2:RunInstances"));
        assertThat(response.evaluationResults()).hasSize(3)
                .allSatisfy(e -> assertThat(e.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED))
                .allSatisfy(e -> assertThat(e.evalResourceName()).isEqualTo("*"));
        Statement statement = response.evaluationResults().get(0).matchedStatements().get(0);
        assertThat(statement.sourcePolicyId()).isEqualTo("AdministratorAccess");
        assertThat(statement.sourcePolicyType()).isEqualTo(PolicySourceType.AWS_MANAGED);
    }

    @Test
    void aUsersInlinePolicyAndABoundaryAreSimulated() {
        Iam.Principal dave = Iam.newUser(iam, "dave");
        String user = dave.user().userName();
        iam.putUserPolicy(r -> r.userName(user).policyName("queues").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:*","Resource":"*"},
                 {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""));
        try {
            List<EvaluationResult> results = iam.simulatePrincipalPolicy(r -> r.policySourceArn(dave.user().arn())
                    .actionNames("sqs:SendMessage", "dynamodb:GetItem")).evaluationResults();
            assertThat(results.get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(results.get(0).matchedStatements()).extracting(Statement::sourcePolicyId).containsExactly("queues");
            assertThat(results.get(0).matchedStatements().get(0).sourcePolicyType()).isEqualTo(PolicySourceType.USER);
            assertThat(results.get(1).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);

            String s3Only = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
            List<EvaluationResult> bounded = iam.simulatePrincipalPolicy(r -> r.policySourceArn(dave.user().arn())
                    .actionNames("sqs:SendMessage", "s3:GetObject").permissionsBoundaryPolicyInputList(s3Only))
                    .evaluationResults();
            assertThat(bounded.get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(bounded.get(0).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();
            assertThat(bounded.get(1).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(bounded.get(1).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();

            // Extra policies join the user's own.
            String extra = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}}";
            EvaluationResult withExtra = iam.simulatePrincipalPolicy(r -> r.policySourceArn(dave.user().arn())
                    .actionNames("dynamodb:GetItem").policyInputList(extra)).evaluationResults().get(0);
            assertThat(withExtra.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(withExtra.matchedStatements().get(0).sourcePolicyId()).isEqualTo("PolicyInputList.1");
        } finally {
            iam.deleteUserPolicy(r -> r.userName(user).policyName("queues"));
            iam.deleteAccessKey(r -> r.userName(user).accessKeyId(dave.key().accessKeyId()));
            iam.deleteUser(r -> r.userName(user));
        }
    }

    @Test
    void resultsArePaged() {
        SimulatePrincipalPolicyResponse first = iam.simulatePrincipalPolicy(r -> r
                .policySourceArn(iam.getUser().user().arn()).actionNames("s3:GetObject", "s3:PutObject", "sqs:SendMessage")
                .maxItems(2));
        assertThat(first.evaluationResults()).hasSize(2);
        assertThat(first.isTruncated()).isTrue();
        SimulatePrincipalPolicyResponse rest = iam.simulatePrincipalPolicy(r -> r
                .policySourceArn(iam.getUser().user().arn()).actionNames("s3:GetObject", "s3:PutObject", "sqs:SendMessage")
                .maxItems(2).marker(first.marker()));
        assertThat(rest.evaluationResults()).extracting(EvaluationResult::evalActionName).containsExactly("sqs:SendMessage");
        assertThat(rest.isTruncated()).isFalse();
    }

    @Test
    void badInputGetsAwsErrorsNeverA500() {
        IamException malformed = catchThrowableOfType(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                .policyInputList("{\"Statement\": \"nope\"}").actionNames("s3:GetObject")));
        assertThat(malformed.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
        assertThat(malformed.statusCode()).isEqualTo(400);

        String account = iam.getUser().user().arn().split(":")[4];
        NoSuchEntityException missing = catchThrowableOfType(NoSuchEntityException.class, () ->
                iam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::" + account + ":user/nobody-" + account)
                        .actionNames("s3:GetObject")));
        assertThat(missing.statusCode()).isEqualTo(404);

        IamException badArn = catchThrowableOfType(IamException.class, () -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:s3:::some-bucket-name").actionNames("s3:GetObject")));
        assertThat(badArn.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");

        IamException badAction = catchThrowableOfType(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                .policyInputList(POLICY).actionNames("GetObject")));
        assertThat(badAction.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");

        IamException noActions = catchThrowableOfType(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                .policyInputList(POLICY)));
        assertThat(noActions.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

        IamException noPolicies = catchThrowableOfType(IamException.class, () -> iam.simulateCustomPolicy(r -> r
                .actionNames("s3:GetObject")));
        assertThat(noPolicies.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    }

    @Test
    void simulatingNeedsPermission() {
        Iam.Principal erin = Iam.newUser(iam, "erin");
        String user = erin.user().userName();
        try {
            IamException denied = catchThrowableOfType(IamException.class, () -> erin.client().simulateCustomPolicy(r -> r
                    .policyInputList(POLICY).actionNames("s3:GetObject")));
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.statusCode()).isEqualTo(403);
            IamException deniedPrincipal = catchThrowableOfType(IamException.class, () -> erin.client()
                    .simulatePrincipalPolicy(r -> r.policySourceArn(erin.user().arn()).actionNames("s3:GetObject")));
            assertThat(deniedPrincipal.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

            iam.putUserPolicy(r -> r.userName(user).policyName("simulate").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:SimulateCustomPolicy\","
                            + "\"Resource\":\"*\"}}"));
            assertThat(erin.client().simulateCustomPolicy(r -> r.policyInputList(POLICY).actionNames("s3:GetObject"))
                    .evaluationResults().get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            iam.deleteUserPolicy(r -> r.userName(user).policyName("simulate"));
        } finally {
            iam.deleteAccessKey(r -> r.userName(user).accessKeyId(erin.key().accessKeyId()));
            iam.deleteUser(r -> r.userName(user));
        }
    }
}
