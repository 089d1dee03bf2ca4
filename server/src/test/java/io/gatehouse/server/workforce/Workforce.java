package io.gatehouse.server.workforce;

import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;

/** AWS SDK for Java v2 Identity Store and SSO admin clients pointed at the application under test. */
final class Workforce {
    private Workforce() {}

    static IdentitystoreClient admin() {
        return client(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET);
    }

    static IdentitystoreClient client(String accessKeyId, String secret) {
        return IdentitystoreClient.builder()
                .endpointOverride(Iam.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static IdentitystoreClient client(Iam.Principal principal) {
        return client(principal.key().accessKeyId(), principal.key().secretAccessKey());
    }

    static SsoAdminClient ssoAdmin() {
        return ssoAdmin(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET);
    }

    static SsoAdminClient ssoAdmin(String accessKeyId, String secret) {
        return SsoAdminClient.builder()
                .endpointOverride(Iam.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static SsoAdminClient ssoAdmin(Iam.Principal principal) {
        return ssoAdmin(principal.key().accessKeyId(), principal.key().secretAccessKey());
    }
}
