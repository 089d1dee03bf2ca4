package io.gatehouse.server.sts;

import io.gatehouse.server.iam.Iam;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Unmodified SDK clients whose SigV4 signatures are dated by a given clock (the SDK's own
 * {@code SIGNING_CLOCK} signer property), so that requests stay current for a server whose clock a
 * test has moved.
 */
final class ClockedClients {
    private ClockedClients() {}

    static StsClient sts(AwsCredentials credentials, Clock clock) {
        return StsClient.builder().endpointOverride(Iam.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .putAuthScheme(new ClockedSigV4(clock)).build();
    }

    static IamClient iam(AwsCredentials credentials, Clock clock) {
        return IamClient.builder().endpointOverride(Iam.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .putAuthScheme(new ClockedSigV4(clock)).build();
    }

    /** The SDK's SigV4 scheme and signer, with the signing time taken from {@code clock}. */
    private record ClockedSigV4(Clock clock) implements AuthScheme<AwsCredentialsIdentity> {
        @Override
        public String schemeId() {
            return AwsV4AuthScheme.SCHEME_ID;
        }

        @Override
        public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
            return providers.identityProvider(AwsCredentialsIdentity.class);
        }

        @Override
        public HttpSigner<AwsCredentialsIdentity> signer() {
            HttpSigner<AwsCredentialsIdentity> sdk = AwsV4HttpSigner.create();
            return new HttpSigner<>() {
                @Override
                public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
                    return sdk.sign(request.copy(r -> r.putProperty(HttpSigner.SIGNING_CLOCK, clock)));
                }

                @Override
                public CompletableFuture<AsyncSignedRequest> signAsync(
                        AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
                    return sdk.signAsync(request.copy(r -> r.putProperty(HttpSigner.SIGNING_CLOCK, clock)));
                }
            };
        }
    }
}
