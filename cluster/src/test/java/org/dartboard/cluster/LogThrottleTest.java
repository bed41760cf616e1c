package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One line per interval for events that come by the thousand, saying how many it stands for. */
class LogThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10), now::get);

    @Test
    void theFirstEventGoesThroughAndTheNextWaitForTheInterval() {
        assertThat(throttle.event()).isEqualTo(1);
        assertThat(throttle.event()).isZero();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(throttle.event()).isZero();

        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(throttle.event()).as("the line after the interval stands for the held-back events too").isEqualTo(3);
        assertThat(throttle.event()).isZero();
    }

    @Test
    void eventsThatHappenTogetherAreCountedTogether() {
        assertThat(throttle.events(999)).isEqualTo(999);
        assertThat(throttle.events(5)).isZero();

        now.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(throttle.events(2)).isEqualTo(7);
    }
}
