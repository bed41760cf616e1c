package org.dartboard.cluster;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many tasks may be in flight at once: {@value #TASKS_PER_CPU} per cpu of the nodes up now, at least
 * {@value #MIN_TASKS_IN_FLIGHT} and at most {@value #MAX_TASKS_IN_FLIGHT}. Enough to hide the round trips
 * (2 per cpu made runs 1.5x slower than local), few enough that work waits in the client, where a node that
 * joins late can still get it, rather than in the queues of the nodes up now.
 *
 * <p>Concurrency: a semaphore of the free slots. Any thread gives a slot back; one thread only (the
 * dispatcher) takes slots and moves the bound, by adding permits or removing them. Removing may leave the
 * count below zero while more tasks are in flight than the new bound allows; the slots given back then
 * pay that off before another task may go.
 */
final class TaskSlots {

    static final int TASKS_PER_CPU = 4;
    static final int MIN_TASKS_IN_FLIGHT = 2;
    static final int MAX_TASKS_IN_FLIGHT = 1024;

    private final FreeSlots free = new FreeSlots();
    /** The bound the permits stand for now; only the taking thread reads or moves it. */
    private int bound;

    /** The most tasks in flight for the cpus of the nodes up now. */
    static int boundFor(int liveCpus) {
        return Math.min(MAX_TASKS_IN_FLIGHT, Math.max(MIN_TASKS_IN_FLIGHT, TASKS_PER_CPU * liveCpus));
    }

    /**
     * Takes a slot under the bound for {@code liveCpus}, waiting up to {@code waitMillis} for a task to be
     * answered. For one thread only.
     *
     * @return whether a slot was taken; false when the wait ran out, and the caller should look again at the
     *     cpus, which may have changed meanwhile
     */
    boolean take(int liveCpus, long waitMillis) throws InterruptedException {
        int wanted = boundFor(liveCpus);
        if (wanted > bound) {
            free.release(wanted - bound);
        } else if (wanted < bound) {
            free.remove(bound - wanted);
        }
        bound = wanted;
        return free.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    }

    /** A task was answered, or never sent: its slot is free again. From any thread. */
    void release() {
        free.release();
    }

    /** A semaphore whose permits can also be taken away without waiting, below zero if need be. */
    private static final class FreeSlots extends Semaphore {

        private static final long serialVersionUID = 1L;

        FreeSlots() {
            super(0);
        }

        void remove(int permits) {
            reducePermits(permits);
        }
    }
}
