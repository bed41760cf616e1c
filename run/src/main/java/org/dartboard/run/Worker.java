package org.dartboard.run;

/**
 * A worker of a farm as reports show it: a thread of the local farm, or a node of a cluster.
 *
 * @param name the name results carry in {@link org.dartboard.core.JobResult#worker()}
 * @param address where it runs, such as {@code 192.168.1.12:10800}, or {@code local}
 * @param cpus how many jobs it runs at once
 * @param lost whether it left or died during the run
 */
public record Worker(String name, String address, int cpus, boolean lost) {

    /** The same worker, marked lost. */
    public Worker asLost() {
        return new Worker(name, address, cpus, true);
    }
}
