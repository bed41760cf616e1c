package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --monitor} and {@code --plot} in the command: what they print, write and refuse. */
class WatchingOptionsTest {

    @TempDir
    Path folder;

    @Test
    void aDashboardIsAnnouncedAndStopsWithTheRun() {
        Invocation run = Invocation.of("run", "--points", "1000", "--jobs", "20", "--seed", "1", "--monitor", "0");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).containsPattern("live dashboard at http://127\\.0\\.0\\.1:\\d+/");
        assertThat(run.out()).contains("π ≈");
    }

    @Test
    void aBusyPortIsRefusedBeforeAnyWork() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Invocation run = Invocation.of("run", "--points", "1000", "--jobs", "20", "--monitor",
                    String.valueOf(busy.getLocalPort()));

            assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errLines()).singleElement().asString()
                    .contains("--monitor", String.valueOf(busy.getLocalPort()), "another port")
                    .doesNotContain("Exception");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void anAddressOfAnotherMachineIsRefused() {
        // TEST-NET-3 (RFC 5737): never this machine's, so binding fails at once; nothing is sent anywhere.
        Invocation run = Invocation.of("run", "--points", "1000", "--jobs", "20", "--monitor", "0",
                "--monitor-bind", "203.0.113.7");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).singleElement().asString().contains("--monitor", "203.0.113.7");
    }

    @Test
    void plotsAreWrittenAsPngOrSvg() throws Exception {
        Path png = folder.resolve("run.png");
        Path svg = folder.resolve("run.svg");

        Invocation first = Invocation.of("run", "--points", "10000", "--jobs", "50", "--seed", "3", "--plot",
                png.toString());
        Invocation second = Invocation.of("run", "--points", "10000", "--jobs", "50", "--seed", "3", "--plot",
                svg.toString(), "--format", "json");

        assertThat(first.exitCode()).as(first.transcript()).isZero();
        assertThat(second.exitCode()).as(second.transcript()).isZero();
        byte[] pngBytes = Files.readAllBytes(png);
        assertThat(pngBytes).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(svg)).contains("<svg", "seed 3");
        assertThat(second.err()).isEmpty();
    }
}
