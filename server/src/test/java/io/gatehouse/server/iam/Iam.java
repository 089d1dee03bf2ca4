package io.gatehouse.server.iam;

import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.User;

/** AWS SDK for Java v2 IAM clients pointed at the application under test (endpoint override only). */
public final class Iam {
    private Iam() {}

    public static URI endpoint() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return URI.create("http://localhost:" + port);
    }

    /** A client signing as the bootstrap administrator. */
    public static IamClient admin() {
        return client(AwsBasicCredentials.create(IamApiProfile.ADMIN_KEY_ID, IamApiProfile.ADMIN_SECRET));
    }

    public static IamClient client(String accessKeyId, String secret) {
        return client(AwsBasicCredentials.create(accessKeyId, secret));
    }

    public static IamClient client(String accessKeyId, String secret, String sessionToken) {
        return client(AwsSessionCredentials.create(accessKeyId, secret, sessionToken));
    }

    public static IamClient client(AwsCredentials credentials) {
        return IamClient.builder()
                .endpointOverride(endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A unique name for test entities, so test classes sharing one database never collide. */
    public static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new user with an access key, and a client signing as that user. */
    public record Principal(User user, AccessKey key, IamClient client) {}

    public static Principal newUser(IamClient admin, String prefix) {
        User user = admin.createUser(r -> r.userName(name(prefix))).user();
        AccessKey key = admin.createAccessKey(r -> r.userName(user.userName())).accessKey();
        return new Principal(user, key, client(key.accessKeyId(), key.secretAccessKey()));
    }
}
