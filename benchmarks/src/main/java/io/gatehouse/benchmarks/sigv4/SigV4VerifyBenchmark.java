package io.gatehouse.benchmarks.sigv4;

import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.SignatureCheck;
import io.gatehouse.identity.SignedRequest;
import io.gatehouse.identity.SigningSecret;
import io.gatehouse.identity.SigningSecrets;
import io.gatehouse.identity.internal.auth.AccessKeyCache;
import io.gatehouse.identity.internal.auth.StoreSigningSecrets;
import io.gatehouse.identity.internal.crypto.SecretBox;
import io.gatehouse.identity.internal.sigv4.SigV4Verifier;
import io.gatehouse.identity.persistence.AccessKeyEntity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifying one header-signed STS GetCallerIdentity POST as the AWS SDK for Java v2 sends it
 * (signed by the SDK's own signer, with its invocation-id, retry and user-agent headers), the way
 * the front door does for every request of a long-term key:
 *
 * <ul>
 *   <li>{@code fixedSecret}: the verifier alone, the secret handed over in the clear (as a
 *       temporary key's is, so it is identified by a digest on every request);
 *   <li>{@code storeSecret}: through {@link StoreSigningSecrets} (one per request, as
 *       {@code SignedCallers} makes them), the secret sealed under a master key as in the store and
 *       the key's cache entry already loaded (the one primary-key read it costs is not measured);
 *   <li>{@code unknownKey}: the same request from a key the store does not have, which must cost
 *       about as much as a known key (the refusal is the answer).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigV4VerifyBenchmark {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");

    private final SigV4Verifier verifier = new SigV4Verifier();
    private final SigningSecrets fixed = (keyId, token) -> Optional.of(SigningSecret.of(SECRET));
    private SignedRequest request;
    private SecretBox box;
    private AccessKeyCache knownKeys;
    private AccessKeyCache noKeys;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        request = signedGetCallerIdentity();
        byte[] master = new byte[32];
        new java.security.SecureRandom().nextBytes(master);
        box = SecretBox.of(master);
        AccessKeyEntity key = new AccessKeyEntity();
        key.id = KEY_ID;
        key.accountId = "111122223333";
        key.userId = "AIDAEXAMPLEEXAMPLE000";
        key.status = "Active";
        key.secretSealed = box.sealToBase64(SECRET, StoreSigningSecrets.aad(KEY_ID));
        // The entry is the store's to make; without a database the benchmark borrows its constructor.
        Constructor<AccessKeyCache.Entry> make = AccessKeyCache.Entry.class
                .getDeclaredConstructor(AccessKeyEntity.class, long.class);
        make.setAccessible(true);
        AccessKeyCache.Entry entry = make.newInstance(key, 1L);
        knownKeys = new FixedKeys(entry);
        noKeys = new FixedKeys(null);
        if (!KEY_ID.equals(fixedSecret().accessKeyId()) || !KEY_ID.equals(storeSecret().accessKeyId())
                || !"SignatureDoesNotMatch".equals(unknownKey())) {
            throw new IllegalStateException("fixture does not verify as expected");
        }
    }

    @Benchmark
    public SignatureCheck fixedSecret() {
        return verifier.verify(request, fixed, AT);
    }

    @Benchmark
    public SignatureCheck storeSecret() {
        return verifier.verify(request, new StoreSigningSecrets(box, null, knownKeys, Clock.fixed(AT, ZoneOffset.UTC)),
                AT);
    }

    @Benchmark
    public String unknownKey() {
        try {
            verifier.verify(request, new StoreSigningSecrets(box, null, noKeys, Clock.fixed(AT, ZoneOffset.UTC)), AT);
            return "verified";
        } catch (AwsException e) {
            return e.code();
        }
    }

    private static SignedRequest signedGetCallerIdentity() {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().protocol("https").host("sts.us-east-1.amazonaws.com")
                .method(SdkHttpMethod.POST).encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(BODY.getBytes(StandardCharsets.UTF_8).length))
                .putHeader("User-Agent", "aws-sdk-java/2.57.8 md/io#sync md/http#Apache ua/2.1 os/Linux#6.8 "
                        + "lang/java#17.0.12 md/OpenJDK_64-Bit_Server_VM#17.0.12+7 md/vendor#Eclipse_Adoptium "
                        + "md/en_US m/D")
                .putHeader("amz-sdk-invocation-id", "5b8a3e3c-7b2d-4f61-9c1e-2a8f0d6e4b17")
                .putHeader("amz-sdk-request", "attempt=1; max=4")
                .build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(AT, ZoneOffset.UTC)));
        SdkHttpRequest out = signed.request();
        Map<String, List<String>> headers = new LinkedHashMap<>(out.headers());
        // The HTTP client, not the signer, writes Host when the signer left it out of the map.
        if (headers.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            headers.put("Host", List.of(out.host()));
        }
        return new SignedRequest("POST", "/", "", headers, read(signed.payload().orElseThrow()));
    }

    private static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The store's key cache with one key already loaded (or none), so no database is needed. */
    private static final class FixedKeys extends AccessKeyCache {
        private final Entry entry;

        FixedKeys(Entry entry) {
            this.entry = entry;
        }

        @Override
        public Entry lookup(String keyId) {
            return entry != null && entry.keyId().equals(keyId) ? entry : null;
        }
    }
}
