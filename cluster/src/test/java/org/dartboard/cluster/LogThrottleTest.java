package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One line per interval for events that come by the thousand, saying how many it stands for. */
class LogThrottleTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final AtomicLong now = new AtomicLong(1_000);
    /** What the timer was asked to do, and when: run by hand once the clock is moved on. */
    private final List<Runnable> later = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final LogThrottle throttle = new LogThrottle(INTERVAL, now::get, (delayNanos, task) -> {
        delays.add(delayNanos);
        later.add(task);
    });
    /** The lines said: how many events each stood for, and for which event. */
    private final List<String> lines = new ArrayList<>();

    @Test
    void theFirstEventGoesThroughAndTheNextWaitForTheInterval() {
        throttle.event(standsFor -> lines.add(standsFor + " a"));
        throttle.event(standsFor -> lines.add(standsFor + " b"));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        throttle.event(standsFor -> lines.add(standsFor + " c"));
        assertThat(lines).containsExactly("1 a");

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        throttle.event(standsFor -> lines.add(standsFor + " d"));

        assertThat(lines).as("the line after the interval stands for the held-back events too")
                .containsExactly("1 a", "3 d");
        runLater();
        assertThat(lines).as("nothing was held back when the timer went off").containsExactly("1 a", "3 d");
    }

    @Test
    void eventsHeldBackAreSaidWhenTheIntervalEndsThoughNoOtherEventComes() {
        throttle.event(standsFor -> lines.add(standsFor + " first"));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        for (int i = 0; i < 999; i++) {
            throttle.event(standsFor -> lines.add(standsFor + " burst"));
        }
        assertThat(delays).as("one timer for the burst, when the interval of the first line ends")
                .containsExactly(Duration.ofSeconds(8).toNanos());

        now.addAndGet(Duration.ofSeconds(8).toNanos());
        runLater();

        assertThat(lines).containsExactly("1 first", "999 burst");
        throttle.event(standsFor -> lines.add(standsFor + " next"));
        assertThat(lines).as("a new interval began with the timer's line").hasSize(2);
    }

    @Test
    void eventsThatHappenTogetherAreCountedTogether() {
        throttle.events(999, standsFor -> lines.add(standsFor + " sweep"));
        throttle.events(5, standsFor -> lines.add(standsFor + " sweep"));
        assertThat(lines).containsExactly("999 sweep");

        now.addAndGet(INTERVAL.toNanos());
        throttle.events(2, standsFor -> lines.add(standsFor + " sweep"));

        assertThat(lines).containsExactly("999 sweep", "7 sweep");
    }

    private void runLater() {
        List<Runnable> due = new ArrayList<>(later);
        later.clear();
        due.forEach(Runnable::run);
    }
}
