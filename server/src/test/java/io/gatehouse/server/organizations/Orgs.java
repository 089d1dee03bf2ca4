package io.gatehouse.server.organizations;

import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.CreateAccountStatus;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** AWS SDK for Java v2 Organizations and STS clients pointed at the application under test. */
final class Orgs {
    private Orgs() {}

    static AwsCredentials adminCredentials() {
        return AwsBasicCredentials.create(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET);
    }

    static OrganizationsClient admin() {
        return client(adminCredentials());
    }

    static OrganizationsClient client(AwsCredentials credentials) {
        return OrganizationsClient.builder()
                .endpointOverride(Iam.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder()
                .endpointOverride(Iam.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static AwsSessionCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    /** A new member account (under the root), created by the management administrator. */
    static CreateAccountStatus newAccount(OrganizationsClient orgs, String prefix) {
        String name = Iam.name(prefix);
        return orgs.createAccount(r -> r.accountName(name).email(name + "@example.com")).createAccountStatus();
    }

    /** The management administrator's session in a member account, through OrganizationAccountAccessRole. */
    static AwsSessionCredentials assumeAccessRole(String accountId) {
        Credentials c = sts(adminCredentials()).assumeRole(r -> r.roleArn("arn:aws:iam::" + accountId
                + ":role/OrganizationAccountAccessRole").roleSessionName("admin")).credentials();
        return session(c);
    }
}
