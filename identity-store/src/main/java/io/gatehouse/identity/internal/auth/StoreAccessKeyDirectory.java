package io.gatehouse.identity.internal.auth;

import io.gatehouse.identity.AccessKeyDirectory;
import io.gatehouse.identity.internal.crypto.AwsIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Long-term keys from the access key cache (one epoch read); everything else from the id's own bits. */
@ApplicationScoped
public class StoreAccessKeyDirectory implements AccessKeyDirectory {
    @Inject
    AccessKeyCache keys;

    @Override
    public Optional<String> accountOf(String accessKeyId) {
        if (!accessKeyId.startsWith("ASIA")) {
            AccessKeyCache.Entry stored = keys.lookup(accessKeyId);
            if (stored != null) {
                return Optional.of(stored.accountId);
            }
        }
        return AwsIds.accountOfKey(accessKeyId);
    }
}
