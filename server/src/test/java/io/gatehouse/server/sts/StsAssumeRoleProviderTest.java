package io.gatehouse.server.sts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The AWS SDK's own role credentials provider (what a {@code role_arn} profile does) against
 * Gatehouse: it calls AssumeRole, uses the temporary credentials, and refreshes them before they
 * expire, all with the endpoint override as the only change.
 */
@QuarkusTest
@TestProfile(IamApiProfile.class)
class StsAssumeRoleProviderTest {

    @Test
    void theSdksAssumeRoleProviderGetsAndRefreshesGatehouseCredentials() {
        IamClient admin = Iam.admin();
        Iam.Principal dev = Iam.newUser(admin, "provider-dev");
        String role = Iam.name("reader");
        String roleArn = admin.createRole(r -> r.roleName(role).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                        + dev.user().arn() + "\"},\"Action\":\"sts:AssumeRole\"}}")).role().arn();
        admin.putRolePolicy(r -> r.roleName(role).policyName("list-users").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:ListUsers\","
                        + "\"Resource\":\"*\"}}"));
        StsClient sts = StsClient.builder().endpointOverride(Iam.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(dev.key().accessKeyId(), dev.key().secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create()).build();
        // Sessions of 900 s with a stale time of 900 s: every resolution must fetch fresh credentials.
        try (StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("provider").durationSeconds(900))
                .staleTime(java.time.Duration.ofSeconds(900)).prefetchTime(java.time.Duration.ofSeconds(900))
                .build()) {
            IamClient asRole = IamClient.builder().endpointOverride(Iam.endpoint()).region(Region.AWS_GLOBAL)
                    .credentialsProvider(provider).httpClient(UrlConnectionHttpClient.create()).build();
            assertThat(asRole.listUsers().users()).extracting(User::userName).contains(dev.user().userName());
            String first = provider.resolveCredentials().accessKeyId();
            assertThat(first).startsWith("ASIA");
            assertThat(asRole.listUsers().users()).isNotEmpty();
            String second = provider.resolveCredentials().accessKeyId();
            assertThat(second).startsWith("ASIA").isNotEqualTo(first);
        }
    }

    @Test
    void aRoleArnProfileWithAnEndpointInTheProfileFileAssumesTheRoleAtGatehouse() throws IOException {
        IamClient admin = Iam.admin();
        Iam.Principal dev = Iam.newUser(admin, "profile-dev");
        String role = Iam.name("profile-role");
        String roleArn = admin.createRole(r -> r.roleName(role).assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                        + dev.user().arn() + "\"},\"Action\":\"sts:AssumeRole\"}}")).role().arn();
        // What a user writes into ~/.aws/config and ~/.aws/credentials; the endpoint is the only change.
        String config = """
                [profile dev]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                region = us-east-1
                services = gatehouse

                [profile ops]
                role_arn = %s
                source_profile = dev
                role_session_name = from-profile
                region = us-east-1
                services = gatehouse

                [services gatehouse]
                sts =
                  endpoint_url = %s
                """.formatted(dev.key().accessKeyId(), dev.key().secretAccessKey(), roleArn, Iam.endpoint());
        // The SDK reads the file where the AWS CLI does, and its role provider's own STS client finds the
        // endpoint in the active profile's services section: aws.configFile and aws.profile stand for
        // AWS_CONFIG_FILE and AWS_PROFILE=ops.
        Path file = Files.writeString(Files.createTempFile("aws-config", ""), config);
        String previousFile = System.setProperty("aws.configFile", file.toString());
        String previousProfile = System.setProperty("aws.profile", "ops");
        try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.create();
                StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(Iam.endpoint())
                        .credentialsProvider(provider).httpClient(UrlConnectionHttpClient.create()).build()) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.arn()).endsWith(":assumed-role/" + role + "/from-profile");
            assertThat(provider.resolveCredentials().accessKeyId()).startsWith("ASIA");
        } finally {
            restore("aws.configFile", previousFile);
            restore("aws.profile", previousProfile);
            Files.delete(file);
        }
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
