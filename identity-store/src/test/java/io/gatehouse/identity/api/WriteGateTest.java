package io.gatehouse.identity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriteGateTest {

    @Test
    void autoIsTwiceTheProcessorsAndAtLeastFour() {
        assertThat(WriteGate.size("auto", 1)).isEqualTo(4);
        assertThat(WriteGate.size("auto", 2)).isEqualTo(4);
        assertThat(WriteGate.size("auto", 16)).isEqualTo(32);
    }

    @Test
    void aNumberIsTakenAsItIs() {
        assertThat(WriteGate.size("12", 2)).isEqualTo(12);
        assertThat(WriteGate.size(" 3 ", 64)).isEqualTo(3);
    }

    @Test
    void anythingElseIsRefusedWithTheOptionsName() {
        for (String bad : new String[] {"0", "-4", "many", ""}) {
            assertThatThrownBy(() -> WriteGate.size(bad, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("write-concurrency")
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void noMoreThanItsSizeAreInsideAtOnce() throws InterruptedException {
        WriteGate gate = new WriteGate();
        gate.configured = "2";
        gate.init();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            new Thread(() -> {
                gate.enter();
                try {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(20);
                    inside.decrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    gate.leave();
                    done.countDown();
                }
            }).start();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(most.get()).isEqualTo(2);
    }
}
