package io.gatehouse.server.sts;

import io.gatehouse.server.iam.IamApiProfile;
import java.util.Set;

/** {@link IamApiProfile} with the server's clock replaced by a {@link MutableClock} the test moves. */
public class StsClockProfile extends IamApiProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MutableClock.class);
    }
}
