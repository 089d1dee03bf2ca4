package io.gatehouse.server.sts;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's clock in tests that move time instead of sleeping: the system clock plus an offset
 * the test sets. An {@code @Alternative} without a priority, so it replaces the application's
 * clock only where a test profile enables it ({@link StsClockProfile}); every other test keeps the
 * system clock.
 */
@Alternative
@Singleton
public class MutableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    /** Moves the clock forward (or back, with a negative amount). */
    public void advance(Duration amount) {
        offset.updateAndGet(current -> current.plus(amount));
    }

    /** Back to the system clock. */
    public void reset() {
        offset.set(Duration.ZERO);
    }
}
