package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The timer of real runs. Its tasks are made to signal latches, so the test waits for events, never for a
 * length of time; the bound on each wait is only there so that a broken timer fails instead of hanging.
 */
class BackgroundJournalTimerTest {

    /** Far beyond what any run of these tests needs; reached only when the timer is broken. */
    private static final long BROKEN_AFTER_SECONDS = 30;

    @Test
    void runsATaskOverAndOverOnItsOwnDaemonThread() throws InterruptedException {
        JournalTimer timer = JournalTimer.background();
        CountDownLatch threeRuns = new CountDownLatch(3);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        timer.every(1, () -> {
            ranOn.set(Thread.currentThread());
            threeRuns.countDown();
        });
        try {
            assertThat(threeRuns.await(BROKEN_AFTER_SECONDS, TimeUnit.SECONDS)).as("ran three times").isTrue();
            assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
            assertThat(ranOn.get().isDaemon()).as("never keeps the JVM alive").isTrue();
            assertThat(ranOn.get().getName()).isEqualTo("dartboard-journal");
        } finally {
            assertThat(timer.stop(Duration.ofSeconds(BROKEN_AFTER_SECONDS))).isTrue();
        }
    }

    /** A journal closes its file after stop: a write under way must be waited for, never cut short. */
    @Test
    void stopWaitsForATaskUnderWayAndDoesNotInterruptIt() throws InterruptedException {
        JournalTimer timer = JournalTimer.background();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        timer.every(1, () -> {
            running.countDown();
            try {
                release.await();
                finished.set(true);
            } catch (InterruptedException cutShort) {
                interrupted.set(true);
            }
        });
        assertThat(running.await(BROKEN_AFTER_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(timer.stop(Duration.ZERO)).as("a task is still under way").isFalse();
        assertThat(finished).isFalse();
        release.countDown();

        assertThat(timer.stop(Duration.ofSeconds(BROKEN_AFTER_SECONDS))).as("stopped once the task finished").isTrue();
        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
    }

    @Test
    void aTimerThatWasGivenNoTaskStopsAtOnce() throws InterruptedException {
        assertThat(JournalTimer.background().stop(Duration.ZERO)).isTrue();
    }
}
