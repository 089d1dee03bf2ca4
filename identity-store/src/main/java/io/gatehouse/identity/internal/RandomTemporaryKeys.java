package io.gatehouse.identity.internal;

import io.gatehouse.identity.TemporaryKeys;
import io.gatehouse.identity.internal.crypto.AwsIds;
import jakarta.enterprise.context.ApplicationScoped;

/** Temporary key pairs from {@link AwsIds} (SecureRandom). */
@ApplicationScoped
public class RandomTemporaryKeys implements TemporaryKeys {
    @Override
    public KeyPair draw() {
        return new KeyPair(AwsIds.temporaryAccessKeyId(), AwsIds.secretAccessKey());
    }

    @Override
    public KeyPair draw(String accountId) {
        return new KeyPair(AwsIds.temporaryAccessKeyId(accountId), AwsIds.secretAccessKey());
    }
}
