package org.dartboard.cli;

import org.dartboard.core.JobPlan;
import org.dartboard.run.Farm;
import org.dartboard.run.RunOutcome;
import org.dartboard.run.WorkerStatistics;

/** What the run command prints: the plan when the run starts, the result when it ends. */
interface Report {

    void started(JobPlan plan, boolean seedGiven, Farm farm, int window);

    /**
     * @param digits significant digits of the exact value
     * @param interrupted whether a signal stopped the run
     * @param statistics what each worker did
     */
    void finished(RunOutcome outcome, boolean seedGiven, int digits, boolean interrupted,
            WorkerStatistics statistics);
}
