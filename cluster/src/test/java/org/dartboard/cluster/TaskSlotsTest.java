package org.dartboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bound on tasks in flight follows the cpus of the nodes up now, and answers free the slots. */
class TaskSlotsTest {

    private final TaskSlots slots = new TaskSlots();

    @Test
    void theBoundIsFourTasksPerCpuBetweenTwoAnd1024() {
        assertThat(TaskSlots.boundFor(0)).as("no node up: two tasks still wait to go").isEqualTo(2);
        assertThat(TaskSlots.boundFor(1)).isEqualTo(4);
        assertThat(TaskSlots.boundFor(3)).isEqualTo(12);
        assertThat(TaskSlots.boundFor(256)).isEqualTo(1024);
        assertThat(TaskSlots.boundFor(100_000)).isEqualTo(1024);
    }

    @Test
    void noMoreTasksThanTheBoundUntilOneIsAnswered() throws InterruptedException {
        assertThat(take(4, 1)).isEqualTo(4);

        slots.release();

        assertThat(take(4, 1)).isEqualTo(1);
    }

    @Test
    void aNodeJoiningOpensSlotsAtOnce() throws InterruptedException {
        take(4, 1);

        assertThat(take(8, 2)).as("a second cpu, with four tasks in flight").isEqualTo(4);
    }

    @Test
    void afterANodeIsLostTasksInFlightMustFallBelowTheNewBoundFirst() throws InterruptedException {
        assertThat(take(8, 2)).isEqualTo(8);

        for (int answered = 0; answered < 4; answered++) {
            slots.release();
        }
        assertThat(take(1, 1)).as("four tasks in flight for one cpu: none more").isZero();

        slots.release();
        assertThat(take(4, 1)).as("three tasks in flight for one cpu").isEqualTo(1);
    }

    /** Tries to take up to {@code tries} slots without waiting; how many it got. */
    private int take(int tries, int liveCpus) throws InterruptedException {
        int taken = 0;
        for (int attempt = 0; attempt < tries; attempt++) {
            if (slots.take(liveCpus, 0)) {
                taken++;
            }
        }
        return taken;
    }
}
