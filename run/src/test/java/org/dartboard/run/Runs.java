package org.dartboard.run;

import java.util.List;
import java.util.Optional;
import org.dartboard.core.Count;
import org.dartboard.core.JobPlan;

/**
 * Runs as the tests of the drip-feed make them: a plan on a farm with a window, without the session's
 * kernel choice and journal, which have tests of their own.
 */
final class Runs {

    private Runs() {
    }

    /** A fresh run of the plan on the farm, as a test or a simple caller makes one. */
    static Run of(JobPlan plan, Farm farm, int window, List<RunListener> listeners) {
        return of(plan, farm, window, Run.DEFAULT_MAX_ATTEMPTS, new Tally(plan), listeners);
    }

    /** A fresh run that gives up on a job lost {@code maxAttempts} times. */
    static Run of(JobPlan plan, Farm farm, int window, int maxAttempts, List<RunListener> listeners) {
        return of(plan, farm, window, maxAttempts, new Tally(plan), listeners);
    }

    /** A run of the plan on the farm that skips the jobs of {@code countedBefore}. */
    static Run of(JobPlan plan, Farm farm, int window, int maxAttempts, Tally countedBefore,
            List<RunListener> listeners) {
        WorkerStatistics statistics = new WorkerStatistics();
        return new Run(startOf(plan, farm, window, countedBefore.count(), statistics), farm, countedBefore,
                maxAttempts, statistics, listeners);
    }

    private static RunListener.Start startOf(JobPlan plan, Farm farm, int window, Count countedBefore,
            WorkerStatistics statistics) {
        return new RunListener.Start(plan, farm.description(), farm.workers(), farm.cpus(), window, "scalar",
                "chosen by the caller", Optional.empty(), countedBefore, () -> statistics.rows(farm.workers()));
    }
}
