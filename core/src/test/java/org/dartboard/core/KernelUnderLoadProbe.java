package org.dartboard.core;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the automatic kernel as a node does, with {@code args[0]} threads burning the cores from before
 * the first race to the end, for {@link KernelUnderLoadTest} to run in a JVM of its own (a fresh JIT, as a
 * node has). The checks come sooner than a node's, and more of them, so that a test can wait for a settled
 * choice. Prints each line the node would log, then {@code final: NAME settled|unsettled after S s}.
 */
final class KernelUnderLoadProbe {

    /**
     * When the checks come after the first choice: every few seconds, for four minutes. With 8 busy threads
     * a core, the check that took the vector kernel came 1 to 40 s after the first choice, later when other
     * builds shared the machine.
     */
    private static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(25),
            Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofSeconds(120),
            Duration.ofSeconds(180), Duration.ofSeconds(240));

    private KernelUnderLoadProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        int busyThreads = Integer.parseInt(args[0]);
        for (int i = 0; i < busyThreads; i++) {
            Thread burner = new Thread(KernelUnderLoadProbe::burn, "burner-" + i);
            burner.setDaemon(true);
            burner.start();
        }
        // The burners' own loop compiled and running before the race starts, as another node's would be.
        Thread.sleep(500);
        long started = System.nanoTime();
        RecheckedKernel node = new RecheckedKernel(Kernel.auto(), SCHEDULE, System::nanoTime,
                line -> System.out.println("log: " + line));
        Kernel kernel = node.current();
        long deadline = started + SCHEDULE.get(SCHEDULE.size() - 1).plusSeconds(1).toNanos();
        // The jobs of a node: counted one after the other with the kernel of the moment.
        while (kernel.unsettled() && System.nanoTime() < deadline) {
            kernel.countInside(1, 0, Kernel.CHUNK_POINTS);
            kernel = node.current();
        }
        System.out.printf(Locale.ROOT, "final: %s %s after %.1f s%n", kernel.name(),
                kernel.unsettled() ? "unsettled" : "settled", (System.nanoTime() - started) / 1e9);
    }

    private static void burn() {
        ScalarKernel scalar = new ScalarKernel();
        long sink = 0;
        for (long first = 0; ; first += 1 << 20) {
            sink += scalar.countInside(sink, first, 1 << 20);
        }
    }
}
