package org.dartboard.watch;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.dartboard.core.Count;
import org.dartboard.core.Dart;
import org.dartboard.core.JobPlan;
import org.dartboard.core.JobResult;
import org.dartboard.run.RunListener;

/**
 * A picture's worth of the run's own darts: {@code size} points spread evenly over the whole run (point
 * ⌊i·T/size⌋ of a run of T points), each shown once the job that owns it has been counted. So the
 * picture fills in as the run goes, and at the end it is a fair sample of every dart thrown.
 *
 * <p>The darts are computed here from the run's stream, not sent by the workers: a point depends only on
 * the seed and its index, so the client knows it without asking. Memory is {@code size} darts, whatever
 * the run. Thread-safe.
 */
final class DartSample implements RunListener {

    /** Enough darts to see the quarter circle's edge, few enough to draw at once. */
    static final int DEFAULT_SIZE = 2_000;

    private final int size;
    private final List<Dart> shown = new ArrayList<>();
    /** Point indices of the sample, ascending as unsigned numbers. */
    private long[] indices = new long[0];
    private JobPlan plan;

    /** A sample of {@link #DEFAULT_SIZE} darts. */
    DartSample() {
        this(DEFAULT_SIZE);
    }

    /** A sample of {@code size} darts, or every dart of runs that have fewer. */
    DartSample(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a sample has at least 1 dart, got " + size);
        }
        this.size = size;
    }

    @Override
    public synchronized void started(Start start) {
        started(start.plan());
    }

    /** Prepares for a run of this plan: which of its points the sample holds. */
    synchronized void started(JobPlan plan) {
        this.plan = plan;
        BigInteger total = plan.totalPoints();
        int darts = total.min(BigInteger.valueOf(size)).intValueExact();
        indices = new long[darts];
        for (int i = 0; i < darts; i++) {
            // Below 2^64, so the low 64 bits are the index read as unsigned.
            indices[i] = total.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(darts)).longValue();
        }
        shown.clear();
    }

    /** A resumed run shows at once the darts of the jobs its journal holds. */
    @Override
    public synchronized void resumed(Count countedBefore, LongPredicate countedBeforeJob) {
        for (long index : indices) {
            if (countedBeforeJob.test(plan.jobOf(index))) {
                shown.add(plan.dart(index));
            }
        }
    }

    @Override
    public synchronized void jobCounted(JobResult result, Count count) {
        // Job j owns [j·N, j·N + points); j·N < 2^64, so the product is exact read as unsigned.
        long first = plan.firstIndex(result.jobId());
        for (int i = firstIndexAtOrAfter(first); i < indices.length; i++) {
            long offset = indices[i] - first;
            if (Long.compareUnsigned(offset, result.points()) >= 0) {
                break;
            }
            shown.add(plan.dart(indices[i]));
        }
    }

    /** How many darts the finished run will show. */
    synchronized int plannedSize() {
        return indices.length;
    }

    /** The darts shown so far, in the order their jobs were counted. */
    synchronized List<Dart> darts() {
        return List.copyOf(shown);
    }

    /** The darts from index {@code from} on: what a watcher that has the first {@code from} lacks. */
    synchronized List<Dart> dartsFrom(int from) {
        return from >= shown.size() ? List.of() : List.copyOf(shown.subList(from, shown.size()));
    }

    private int firstIndexAtOrAfter(long point) {
        int low = 0;
        int high = indices.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(indices[middle], point) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
