package org.dartboard.cluster;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.dartboard.core.JobResult;

/**
 * What a node has done since it started: jobs, points, points inside and busy time. Its jobs add to it
 * from many threads; {@link MetricsServer} shows it to Prometheus.
 */
final class NodeMetrics {

    /** Where a node keeps its metrics, in Ignite's node-local map, for its jobs to find. */
    static final String NODE_LOCAL_KEY = "dartboard.metrics";

    private final String node;
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong points = new AtomicLong();
    private final AtomicLong inside = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();

    NodeMetrics(String node) {
        this.node = node;
    }

    void record(JobResult result) {
        jobs.incrementAndGet();
        points.addAndGet(result.points());
        inside.addAndGet(result.inside());
        busyNanos.addAndGet(result.busyNanos());
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    String prometheusText() {
        String label = "{node=\"" + node.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return counter("dartboard_jobs_total", "Jobs counted by this node.", label, Long.toUnsignedString(jobs.get()))
                + counter("dartboard_points_total", "Points counted by this node.", label,
                        Long.toUnsignedString(points.get()))
                + counter("dartboard_points_inside_total", "Points inside the quarter circle.", label,
                        Long.toUnsignedString(inside.get()))
                + counter("dartboard_busy_seconds_total", "Time this node spent counting.", label,
                        String.format(Locale.ROOT, "%.3f", busyNanos.get() / 1e9));
    }

    private static String counter(String name, String help, String label, String value) {
        return "# HELP " + name + " " + help + "\n# TYPE " + name + " counter\n" + name + label + " " + value + "\n";
    }
}
