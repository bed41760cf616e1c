package org.dartboard.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.dartboard.core.JobPlan;
import org.dartboard.run.InvalidSettingException;
import org.dartboard.run.RunListener;
import org.dartboard.run.RunOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pictures' front door: what it checks before a run starts, and what it draws at the end. */
class WatchingTest {

    @TempDir
    Path folder;

    @Test
    void nothingAskedForIsNothingWatched() throws IOException {
        try (Watching watching = Watching.builder().start()) {
            assertThat(watching.listeners()).isEmpty();
            assertThat(watching.dashboardUrl()).isEmpty();
            assertThat(watching.plotFile()).isEmpty();
            assertThat(watching.writePlot(TestRuns.run(JobPlan.of(10, 2, 1), 1, 4))).isFalse();
        }
    }

    @Test
    void aPlotFileIsWrittenFromTheRunItWatched() throws IOException {
        Path file = folder.resolve("run.svg");
        try (Watching watching = Watching.builder().plot(file).start()) {
            RunOutcome outcome = TestRuns.run(JobPlan.of(1_000, 20, 3), 2, 8,
                    watching.listeners().toArray(RunListener[]::new));

            assertThat(watching.writePlot(outcome)).isTrue();
        }
        assertThat(file).isNotEmptyFile();
    }

    @Test
    void badSettingsFailBeforeTheRunNamingTheSetting() throws IOException {
        assertInvalid(Watching.builder().plot(folder.resolve("run.jpg")), "plot", ".png or .svg");
        assertInvalid(Watching.builder().plot(folder.resolve("no/such/run.png")), "plot", "no writable folder");
        assertInvalid(Watching.builder().dashboard("127.0.0.1", 70_000), "monitor", "1 to 65535");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertInvalid(Watching.builder().dashboard("127.0.0.1", busy.getLocalPort()), "monitor",
                    "choose another port");
        }
    }

    @Test
    void aDashboardSaysWhereItIs() {
        try (Watching watching = Watching.builder().dashboard("127.0.0.1", 0).start()) {
            assertThat(watching.dashboardUrl()).get().asString().matches("http://127\\.0\\.0\\.1:\\d+/");
            assertThat(watching.listeners()).hasSize(3);
        }
    }

    private static void assertInvalid(Watching.Builder watching, String setting, String allowed) {
        assertThatThrownBy(watching::start).isInstanceOfSatisfying(InvalidSettingException.class, invalid -> {
            assertThat(invalid.setting()).isEqualTo(setting);
            assertThat(invalid.problem()).contains(allowed);
        });
    }
}
