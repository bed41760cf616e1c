package org.dartboard.watch;

import java.util.List;
import org.dartboard.core.JobPlan;
import org.dartboard.core.Kernel;
import org.dartboard.run.Estimation;
import org.dartboard.run.Farms;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;

/** Real runs on local threads, through the library's front door, for the pictures to watch. */
final class TestRuns {

    private TestRuns() {
    }

    /** Runs the plan on {@code threads} threads with the scalar kernel, telling the listeners. */
    static RunOutcome run(JobPlan plan, int threads, int window, RunListener... listeners) {
        return Estimation.of(plan).on(Farms.local().threads(threads)).kernel(Kernel.Choice.SCALAR).window(window)
                .listeners(List.of(listeners)).build().run();
    }
}
