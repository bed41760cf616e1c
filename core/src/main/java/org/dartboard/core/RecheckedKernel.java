package org.dartboard.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The automatic kernel of a JVM that counts for a long time, a node: {@link Kernel#auto()}, and, when that
 * choice is {@link Kernel#unsettled() unsettled}, the same race again a few times later in the JVM's life.
 *
 * <p>A node chooses its kernel when its first job arrives, often while the machine is busy (another node,
 * a client, a build). The JIT's threads then get so little time that the vector loops are still
 * interpreted when the first race ends, and lose it at a hundredth of their speed (issue 14: 0.0053 against
 * the scalar kernel's 0.25 G points/s, and a node at half its twin's speed for the rest of its life). The
 * JIT finishes the compilations those races queued while the node counts with the scalar kernel, so the
 * next race is won in a millisecond; where the vector loops are slow for good (JDK 17 on NEON) each check
 * costs at most {@link Kernel#RECHECK_LIMIT} per loop (the loops race together, and one round more), and
 * there are six of them.
 *
 * <p>A check runs on the thread that asks for the kernel when it is due, while the node's other threads go
 * on counting with the kernel they have; at most one thread checks at a time. Each choice and each check is
 * told, in one line, to the log given.
 *
 * <p>Public for dartboard's nodes (the cluster module); a user of the library chooses a kernel with
 * {@link Kernel.Choice}.
 */
public final class RecheckedKernel {

    /**
     * When the checks come, after the first choice: the first soon, so that a node loses little at the
     * scalar kernel's speed; then further and further apart, for a machine that stays busy. Each check also
     * runs the vector loops, which is what moves the JIT on: it compiles a loop only once it has seen it
     * run often enough, and a loop that is not called is never compiled.
     */
    static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(30));

    private final List<Duration> schedule;
    private final LongSupplier nanoTime;
    private final Consumer<String> log;
    private final long chosenAt;
    /** Held by the one thread that checks; the others take the kernel they have. */
    private final ReentrantLock checking = new ReentrantLock();

    /** Written under {@link #checking} only. */
    private volatile Kernel kernel;
    /** Written under {@link #checking} only. */
    private volatile int checksDone;

    RecheckedKernel(Kernel first, List<Duration> schedule, LongSupplier nanoTime, Consumer<String> log) {
        this.kernel = Objects.requireNonNull(first, "first");
        this.schedule = List.copyOf(schedule);
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.log = Objects.requireNonNull(log, "log");
        this.chosenAt = nanoTime.getAsLong();
        log.accept("Counting with the " + first.name() + " kernel: " + first.reason() + nextCheck());
    }

    /**
     * {@link Kernel#auto()}, told to {@code log}, and checked again on schedule while it is unsettled.
     *
     * @param log takes one line per choice and check, such as a logger's {@code info}
     */
    public static RecheckedKernel auto(Consumer<String> log) {
        return new RecheckedKernel(Kernel.auto(), SCHEDULE, System::nanoTime, log);
    }

    /**
     * The kernel to count the next job with. The one thread that finds a check due runs it first (at most
     * {@link Kernel#RECHECK_LIMIT} per vector loop, the loops racing together) and gets its outcome.
     */
    public Kernel current() {
        if (!checkDue() || !checking.tryLock()) {
            return kernel;
        }
        try {
            // Another thread may have checked between this thread's look and its lock.
            if (checkDue()) {
                check();
            }
            return kernel;
        } finally {
            checking.unlock();
        }
    }

    private boolean checkDue() {
        int done = checksDone;
        return kernel.unsettled() && done < schedule.size()
                && nanoTime.getAsLong() - chosenAt >= schedule.get(done).toNanos();
    }

    private void check() {
        Duration after = schedule.get(checksDone);
        Kernel before = kernel;
        Kernel now = before.recheck();
        checksDone++;
        kernel = now;
        String outcome = now.name().equals(before.name()) ? "still the " + now.name() + " kernel"
                : "counting with the " + now.name() + " kernel from now on";
        log.accept("Checked the kernel again " + words(after) + " after the first choice: " + outcome + ": "
                + now.reason() + nextCheck());
    }

    /** What comes next for an unsettled kernel, for the end of a line; empty for a settled one. */
    private String nextCheck() {
        if (!kernel.unsettled()) {
            return "";
        }
        return checksDone < schedule.size()
                ? "; checking again " + words(schedule.get(checksDone)) + " after the first choice"
                : "; no more checks";
    }

    private static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return duration.toMillis() + " ms";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
