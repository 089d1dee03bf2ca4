package io.gatehouse.server.cloudtrail;

import io.gatehouse.server.iam.Iam;
import io.gatehouse.server.iam.IamApiProfile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** AWS SDK for Java v2 CloudTrail clients pointed at the application under test (endpoint override only). */
public final class CloudTrail {
    private CloudTrail() {}

    public static CloudTrailClient admin() {
        return client(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET);
    }

    public static CloudTrailClient client(String accessKeyId, String secret) {
        return CloudTrailClient.builder()
                .endpointOverride(Iam.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static CloudTrailClient client(Iam.Principal principal) {
        return client(principal.key().accessKeyId(), principal.key().secretAccessKey());
    }
}
