package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A kernel race run while the machine is busy (issue 14), with stand-in loops of known speeds: a vector loop
 * that the JIT has not compiled yet loses at a speed no compiled loop has, the choice says it is unsettled,
 * and a later check takes the vector loop once it is fast; one that stays slow (JDK 17 on NEON) keeps the
 * scalar kernel, cheaply and a bounded number of times.
 */
class RecheckedKernelTest {

    private static final Duration FIRST_RACE = Duration.ofMillis(300);
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10));

    /** The reference: the scalar kernel's counts at a quarter of its speed, so that a compiled stand-in wins. */
    private final CountingLoop reference = new Slowed(4, "scalar");

    @Test
    void aVectorLoopNotCompiledYetLosesUnsettledAndWinsItsRecheck() {
        NotCompiledYet vector = new NotCompiledYet();

        Kernel first = Kernel.choose(List.of(vector), reference, FIRST_RACE);

        assertThat(first.name()).isEqualTo("scalar");
        assertThat(first.unsettled()).as(first.reason()).isTrue();
        assertThat(first.reason()).contains("the vector kernel was not 1.25× as fast in ")
                .endsWith("G points/s, under a tenth of the scalar speed: not compiled yet (a busy machine?) or"
                        + " without vector instructions here");

        vector.compiled = true;
        Kernel rechecked = first.recheck();

        assertThat(rechecked.name()).isEqualTo("vector");
        assertThat(rechecked.unsettled()).isFalse();
        assertThat(rechecked.reason()).contains("lanes, calibrated in ").endsWith(" G points/s");
        assertThat(rechecked.countInside(7, -3, 100_001)).isEqualTo(new ScalarKernel().countInside(7, -3, 100_001));
        assertThat(rechecked.recheck()).isSameAs(rechecked);
    }

    /** As with JDK 17 on NEON: the loop never gets fast, and each check says so within its short limit. */
    @Test
    void aVectorLoopThatStaysSlowKeepsTheScalarKernelAndEachCheckIsShort() {
        Kernel first = Kernel.choose(List.of(new NotCompiledYet(), new NotCompiledYet()), reference, FIRST_RACE);

        long started = System.nanoTime();
        Kernel rechecked = first.recheck();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(rechecked.name()).isEqualTo("scalar");
        assertThat(rechecked.unsettled()).isTrue();
        // Both loops race together for at most RECHECK_LIMIT each, then one last round of 20 ms each; the margin
        // is for a busy machine.
        assertThat(took).isLessThan(Kernel.RECHECK_LIMIT.multipliedBy(2).plusSeconds(2));
    }

    /** Slower than scalar but at a speed a compiled loop can have: a settled loss, never checked again. */
    @Test
    void aPlausibleLossIsSettled() {
        Kernel choice = Kernel.choose(List.of(new Slowed(8, "vector")), reference, FIRST_RACE);

        assertThat(choice.name()).isEqualTo("scalar");
        assertThat(choice.unsettled()).as(choice.reason()).isFalse();
        assertThat(choice.reason()).doesNotContain("under a tenth");
        assertThat(choice.recheck()).isSameAs(choice);
    }

    @Test
    void aNodeChecksAnUnsettledChoiceOnScheduleAndTakesTheVectorKernelOnceItIsFast() {
        NotCompiledYet vector = new NotCompiledYet();
        Kernel first = Kernel.choose(List.of(vector), reference, FIRST_RACE);
        AtomicLong now = new AtomicLong(1_000);
        List<String> log = new CopyOnWriteArrayList<>();

        RecheckedKernel node = new RecheckedKernel(first, SCHEDULE, now::get, log::add);

        assertThat(log).containsExactly("Counting with the scalar kernel: " + first.reason()
                + "; checking again 10 s after the first choice");
        now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
        assertThat(node.current()).isSameAs(first);
        assertThat(log).hasSize(1);

        now.incrementAndGet();
        Kernel stillSlow = node.current();
        assertThat(stillSlow.name()).isEqualTo("scalar");
        assertThat(log).hasSize(2);
        assertThat(log.get(1)).startsWith("Checked the kernel again 10 s after the first choice: still the scalar"
                + " kernel: JDK ").endsWith("; checking again 1 min after the first choice");

        vector.compiled = true;
        assertThat(node.current()).as("not due before a minute").isSameAs(stillSlow);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        Kernel fast = node.current();

        assertThat(fast.name()).isEqualTo("vector");
        assertThat(log).hasSize(3);
        assertThat(log.get(2)).startsWith("Checked the kernel again 1 min after the first choice: counting with the"
                + " vector kernel from now on: JDK ").contains("lanes, calibrated in ").endsWith("G points/s");
        now.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(node.current()).isSameAs(fast);
        assertThat(log).as("a settled choice is never checked again").hasSize(3);
    }

    @Test
    void aNodeChecksNoMoreOftenThanItsScheduleThenKeepsTheScalarKernel() {
        Kernel first = Kernel.choose(List.of(new NotCompiledYet()), reference, FIRST_RACE);
        AtomicLong now = new AtomicLong();
        List<String> log = new CopyOnWriteArrayList<>();
        RecheckedKernel node = new RecheckedKernel(first, SCHEDULE, now::get, log::add);

        for (int hour = 0; hour < 5; hour++) {
            now.addAndGet(Duration.ofHours(1).toNanos());
            assertThat(node.current().name()).isEqualTo("scalar");
        }

        assertThat(log).hasSize(4);
        assertThat(log.get(1)).contains("again 10 s after").endsWith("; checking again 1 min after the first choice");
        assertThat(log.get(2)).contains("again 1 min after").endsWith("; checking again 10 min after the first choice");
        assertThat(log.get(3)).contains("again 10 min after").endsWith("; no more checks");
    }

    @Test
    void aSettledChoiceIsLoggedOnceAndNeverRaced() {
        Counted vector = new Counted();
        Kernel first = Kernel.choose(List.of(vector), reference, Duration.ofSeconds(10));
        int racedRounds = vector.calls.get();
        AtomicLong now = new AtomicLong();
        List<String> log = new CopyOnWriteArrayList<>();

        RecheckedKernel node = new RecheckedKernel(first, SCHEDULE, now::get, log::add);
        now.addAndGet(Duration.ofDays(1).toNanos());

        assertThat(node.current()).isSameAs(first);
        assertThat(first.name()).isEqualTo("vector");
        assertThat(log).containsExactly("Counting with the vector kernel: " + first.reason());
        assertThat(vector.calls.get()).isEqualTo(racedRounds);
    }

    /** The node's other threads go on counting while one checks: they neither wait nor check as well. */
    @Test
    void otherThreadsTakeTheCurrentKernelWhileOneChecks() throws Exception {
        Blocking vector = new Blocking();
        Kernel first = Kernel.choose(List.of(vector), reference, FIRST_RACE);
        AtomicLong now = new AtomicLong();
        RecheckedKernel node = new RecheckedKernel(first, SCHEDULE, now::get, line -> { });
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        vector.block = true;

        CompletableFuture<Kernel> checking = CompletableFuture.supplyAsync(node::current);
        assertThat(vector.entered.await(30, TimeUnit.SECONDS)).isTrue();
        int callsSoFar = vector.calls.get();

        assertThat(node.current()).isSameAs(first);
        assertThat(vector.calls.get()).as("this thread raced nothing").isEqualTo(callsSoFar);

        vector.release.countDown();
        assertThat(checking.get(30, TimeUnit.SECONDS).name()).isEqualTo("scalar");
    }

    /** {@link RepeatedScalarLoop} with no variant: the scalar reference, or a vector loop of one version. */
    private static class Slowed extends RepeatedScalarLoop {

        Slowed(int times, String name) {
            super(times, name, "");
        }
    }


    /**
     * A vector loop as the interpreter runs it: 20 ms a call (a round of the race, 2<sup>16</sup> points, at
     * 0.003 G points/s, far under a tenth of the reference's 0.2), until the test says the JIT has compiled
     * it; then at the scalar kernel's full speed, four times the reference's.
     */
    private static class NotCompiledYet extends Slowed {

        volatile boolean compiled;

        NotCompiledYet() {
            super(1, "vector");
        }

        @Override
        public long countInside(long seed, long first, long count) {
            if (!compiled) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            return super.countInside(seed, first, count);
        }
    }

    /** A compiled vector loop that counts its calls. */
    private static class Counted extends Slowed {

        final AtomicInteger calls = new AtomicInteger();

        Counted() {
            super(1, "vector");
        }

        @Override
        public long countInside(long seed, long first, long count) {
            calls.incrementAndGet();
            return super.countInside(seed, first, count);
        }
    }

    /** A loop not compiled yet whose calls stop, once told to, until the test lets them go on. */
    private static class Blocking extends NotCompiledYet {

        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean block;

        @Override
        public long countInside(long seed, long first, long count) {
            calls.incrementAndGet();
            if (block) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.countInside(seed, first, count);
        }
    }
}
