package io.gatehouse.audit.internal.relay;

import io.gatehouse.audit.KeyProtection;
import io.gatehouse.audit.internal.digest.DigestWriter;
import io.gatehouse.audit.internal.digest.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Builds the relay's digest step from the {@link KeyProtection} bean (the identity store's). Without
 * one, no digests are written and a warning says so; chains are still sealed.
 */
@ApplicationScoped
public class DigestSupport {

    private static final Logger LOG = Logger.getLogger(DigestSupport.class);

    @Inject
    Instance<KeyProtection> protection;

    OutboxRelay.DigestStep step(RelaySettings settings) {
        if (!protection.isResolvable()) {
            LOG.warn("no KeyProtection bean: audit digests are not signed nor written");
            return OutboxRelay.DigestStep.NONE;
        }
        return new DigestWriter(new SigningKeys(protection.get()), settings.digestInterval());
    }
}
