package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalogue of bad input: bad input of any kind is bad usage, exit code 2 and one line on stderr that
 * names the option, the value and what is allowed (as HikariCP does for configuration), nothing on
 * stdout, never a stack trace. The command line's words first, then what reaches the command by other
 * ways: answers to its questions, its settings file, its environment. Bad input from the network (a
 * client at another program's port, garbage sent to a node) is in {@code HostileNetworkIT}.
 */
class BadInputTest {

    @TempDir
    Path folder;

    /**
     * The command line; the option the line must name (none for a missing or unknown command); the value
     * it must quote, as typed or as the number it means; and a regular expression for what is allowed.
     */
    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                bad("run --frobnicate", "--frobnicate", null, "--help"),
                bad("run -n 1 -m 1 -x", "-x", null, "--help"),
                bad("run --points abc --jobs 2", "--points", "abc", "1_000_000"),
                bad("run --points 10X --jobs 2", "--points", "10X", "1_000_000"),
                bad("run --points 1.5 --jobs 2", "--points", "1.5", "whole number"),
                bad("run --points 0 --jobs 2", "--points", "0", "1 to 9223372036854775807"),
                bad("run --points -5 --jobs 2", "--points", "-5", "1 to|at least 1|whole number such as"),
                bad("run --jobs 0 --points 2", "--jobs", "0", "1 to 9223372036854775807"),
                bad("run --points 2^63 --jobs 1", "--points", "9223372036854775808", "9223372036854775807"),
                bad("run --points 1 --jobs 1e20", "--jobs", "100000000000000000000", "9223372036854775807"),
                bad("run --points 1e999 --jobs 1", "--points", "1e999", "1 to|at most|2\\^6[34]"),
                bad("run --points 2^40 --jobs 2^40", "--points", "1099511627776", "2\\^64"),
                bad("run --points 2^32 --jobs 2^32+1", "--jobs", "2^32+1", "1_000_000"),
                bad("run --total-points 2^65", "--total-points", "36893488147419103232", "18446744073709551616"),
                bad("run --total-points 0", "--total-points", "0", "1 to"),
                bad("run --total-points 1M --points 10", "--total-points", null, "--points"),
                bad("run --total-points 1M --jobs 4", "--total-points", null, "--jobs"),
                bad("run -n 1 -m 1 --threads 0", "--threads", "0", "1 to 4096"),
                bad("run -n 1 -m 1 --threads 5000", "--threads", "5000", "1 to 4096"),
                bad("run -n 1 -m 1 --threads 99999999999", "--threads", "99999999999", "1 to 4096"),
                bad("run -n 1 -m 1 --threads many", "--threads", "many", "whole number"),
                bad("run -n 1 -m 1 --window 0", "--window", "0", "1 to 1000000"),
                bad("run -n 1 -m 1 --window 1.5", "--window", "1.5", "whole number"),
                bad("run -n 1 -m 1 --digits 0", "--digits", "0", "1 to 100000"),
                bad("run -n 1 -m 1 --digits 100001", "--digits", "100001", "1 to 100000"),
                bad("run -n 1 -m 1 --format xml", "--format", "xml", "text, json"),
                bad("run -n 1 -m 1 --seed zz", "--seed", "zz", "0x2A"),
                bad("run -n 1 -m 1 --seed 1.5", "--seed", "1.5", "0x2A"),
                bad("run -n 1 -m 1 --seed 18446744073709551616", "--seed", "18446744073709551616",
                        "18446744073709551615"),
                bad("run -n 1 -m 1 --seed -9223372036854775809", "--seed", "-9223372036854775809",
                        "-9223372036854775808"),
                bad("run -n 1 -m 1 --monitor -1", "--monitor", "-1", "0 for any free port"),
                bad("run -n 1 -m 1 --monitor 70000", "--monitor", "70000", "1 to 65535"),
                bad("run -n 1 -m 1 --monitor http", "--monitor", "http", "--help"),
                bad("run -n 1 -m 1 --monitor-keep", "--monitor-keep", null, "--monitor PORT"),
                bad("run -n 1 -m 1 --monitor-bind 0.0.0.0", "--monitor-bind", null, "--monitor PORT"),
                bad("run -n 1 -m 1 --plot run.jpg", "--plot", "run.jpg", "\\.png or \\.svg"),
                bad("run -n 1 -m 1 --plot no/such/folder/run.png", "--plot", "no/such/folder/run.png",
                        "writable folder"),
                bad("run -n 1 -m 1 --failure-timeout 5s", "--failure-timeout", null, "--nodes"),
                bad("run -n 1 -m 1 --nodes 127.0.0.1 --failure-timeout 500ms", "--failure-timeout", "500 ms",
                        "1s to 1h"),
                bad("node --failure-timeout 2h", "--failure-timeout", "7200000 ms", "1s to 1h"),
                bad("run -n 1 -m 1 --nodes 192.168.1.256", "--nodes", "192.168.1.256", "0 to 255"),
                bad("run -n 1 -m 1 --nodes 10.0.0.*:99999", "--nodes", "10.0.0.*:99999", "1 to 65535"),
                bad("run -n 1 -m 1 --nodes 10.0.0.9-3", "--nodes", "10.0.0.9-3", "low to high"),
                bad("run -n 1 -m 1 --nodes ,,,", "--nodes", ",,,", "single commas"),
                bad("run -n 1 -m 1 --nodes 127.0.0.1 --threads 2", "--threads", null, "--cpus"),
                bad("run -n 1 -m 1 --nodes 127.0.0.1 --connect-timeout 0s", "--connect-timeout", "0s", "10s"),
                bad("run -n 1 -m 1 --nodes 127.0.0.1 --connect-timeout 99999h", "--connect-timeout", "359996400000 ms",
                        "1s to 1h"),
                bad("run -n 1 -m 1 --nodes 127.0.0.1 --node-wait forever", "--node-wait", "forever", "10s"),
                bad("run -n 1 -m 1 --nodes 127.0.0.1 --secret-file /nonexistent/secret", "--secret-file",
                        "/nonexistent/secret", "does not exist"),
                bad("run -n 1 -m 1 --config /nonexistent/dartboard.properties", "--config",
                        "/nonexistent/dartboard.properties", "no such settings file"),
                bad("run -n 1 -m 1 --config /dev/zero", "--config", "/dev/zero",
                        "character device, not a settings file \\(give a regular file, or /dev/null"),
                bad("run -n 1 -m 1 --nodes 127.0.0.1 --secret-file /dev/zero", "--secret-file", "/dev/zero",
                        "character device, not a regular file; a secret file is a regular file of one line"),
                bad("run -n 1 -m 1 --nodes 127.0.0.1 --secret-file /dev/urandom", "--secret-file", "/dev/urandom",
                        "not a regular file"),
                bad("node --peers 10.0.*.1", "--peers", "10.0.*.1", "last part only"),
                bad("node --bind 300.1.1.1", "--bind", "300.1.1.1", "0 to 255"),
                bad("node --port 0", "--port", "0", "1 to 65535"),
                bad("node --discovery-port 65536", "--discovery-port", "65536", "1 to 65535"),
                bad("node --cpus 0", "--cpus", "0", "1 to 4096"),
                bad("node --name " + "x".repeat(101), "--name", "xxxx", "1 to 100 characters"),
                bad("node --metrics 0", "--metrics", "0", "1 to 65535"),
                bad("node --port 47500", "--discovery-port", "47500", "already the --port; each of a node's ports"),
                bad("node --communication-port 9100 --metrics 9100", "--metrics", "9100", "already the --communication-port"),
                bad("node --tls /nonexistent/node.p12", "--tls", null, "--secret-file"),
                bad("certs --out target/certs", "--nodes", null, "--help"),
                bad("run --resume /no/such/run.journal", "--resume", "/no/such/run.journal", "no such file"),
                bad("run --resume a.journal --journal b.journal", "--journal", null, "--resume"),
                bad("run --resume a.journal --no-journal", "--no-journal", null, "--resume"),
                bad("run -n 1 -m 1 --journal a.journal --no-journal", "--no-journal", null, "--journal"),
                bad("run -n 1 -m 1 --journal /no/such/folder/a.journal", "--journal", "/no/such/folder/a.journal",
                        "no such folder"),
                bad("run -n 1 -m 1 --jobs-log .", "--jobs-log", "'.'", "is a folder; give a file"),
                bad("run -n 1 -m 1 --jobs-log /no/such/folder/jobs.csv", "--jobs-log", "/no/such/folder/jobs.csv",
                        "no such folder '/no/such/folder'"),
                bad("run -n 1 -m 1 --jobs-log target/same.png --plot target/same.png", "--plot", "target/same.png",
                        "also the --jobs-log file; give each output a file of its own"),
                bad("run -n 1 -m 1 --journal target/same.journal --jobs-log target/../target/same.journal",
                        "--jobs-log", "target/../target/same.journal", "also the --journal file"),
                bad("run --resume target/resumed.journal --jobs-log target/resumed.journal", "--jobs-log",
                        "target/resumed.journal", "also the --resume file"),
                bad("run --points", "--points", null, "--help"),
                bad("run --points 1 --points 2 --jobs 1", "--points", null, "once"),
                bad("run extra -n 1 -m 1", null, "extra", "--help"),
                bad("", null, null, "dartboard run"),
                bad("frobnicate", null, "frobnicate", "--help"),
                bad("--frobnicate", "--frobnicate", null, "--help"),
                // A mistyped option or command: the nearest names, swapped letters included.
                bad("run --pionts 10 --jobs 2", "--pionts", null, "did you mean '--points'\\?"),
                bad("run -n 1 -m 1 --thread 2", "--thread", null, "did you mean '--threads'\\?"),
                bad("run -n 1 -m 1 --kernal=scalar", "--kernal", null, "did you mean '--kernel'\\?"),
                bad("rnu -n 1 -m 1", null, "rnu", "did you mean 'run'\\?"),
                bad("noed --bind 127.0.0.1", null, "noed", "did you mean 'node'\\?"));
    }

    /**
     * On a terminal (the launcher gives its width), the one line is broken between words rather than by the
     * terminal within them; joined again, it is the line a pipe gets.
     */
    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {60, 40})
    void onATerminalTheLineIsBrokenBetweenWordsToItsWidth(int columns) {
        String[] args = {"run", "--points", "abc", "--jobs", "2"};
        String piped = Invocation.withEnvironment(Map.of(), args).errLines().get(0);
        Invocation shown = Invocation.withEnvironment(Map.of(Screen.STDERR_COLUMNS, String.valueOf(columns)), args);

        assertThat(shown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(shown.errLines()).as(shown.transcript()).hasSizeGreaterThan(1)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(columns));
        assertThat(String.join(" ", shown.errLines().stream().map(String::strip).toList())).isEqualTo(piped);
    }

    @ParameterizedTest(name = "dartboard {0}")
    @MethodSource("badCommandLines")
    void badUsageIsOneLineNamingOptionValueAndWhatIsAllowed(String commandLine, String option, String value,
            String allowed) {
        Invocation run = Invocation.ofLine(commandLine);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).as(run.transcript()).isEmpty();
        assertThat(run.errLines()).as(run.transcript()).hasSize(1);
        String message = run.errLines().get(0);
        assertThat(message).startsWith("dartboard").doesNotContain("Exception", "\tat ", "at org.", "at java.");
        if (option != null) {
            assertThat(message).as("names the option").contains(option);
        }
        if (value != null) {
            assertThat(message).as("quotes the value").contains(value);
        }
        assertThat(message).as("says what is allowed").containsPattern(allowed);
    }

    /** A way to call the command with bad input that is not on its command line. */
    private record OtherWay(String description, Function<Path, Invocation> call, String mustSay) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<OtherWay> badInputOtherWays() {
        return Stream.of(
                new OtherWay("answers 'abc' then nothing", folder -> Invocation.answering("abc\n", "run"),
                        "input ended"),
                new OtherWay("answers '0' then nothing", folder -> Invocation.answering("0\n", "run"), "input ended"),
                new OtherWay("a points answer, then a jobs answer of 2^65", folder -> Invocation.answering(
                        "1000\n2^65\n", "run"), "input ended"),
                new OtherWay("settings file: run.threads = 0", folder -> withSettings(folder, "run.threads = 0", "run",
                        "-n", "1", "-m", "1"), "run.threads = 0"),
                new OtherWay("settings file: an unknown key", folder -> withSettings(folder, "run.thread = 2", "run",
                        "-n", "1", "-m", "1"),
                        "'run.thread': 'dartboard run' has no option --thread: did you mean 'run.threads'?"),
                new OtherWay("settings file: an unknown key without its command", folder -> withSettings(folder,
                        "poinst = 2", "run", "-n", "1", "-m", "1"),
                        "no command has an option --poinst: did you mean 'points'?"),
                new OtherWay("settings file: node.failure-timeout = 0s", folder -> withSettings(folder,
                        "node.failure-timeout = 0s", "node"), "node.failure-timeout"),
                new OtherWay("settings file: run.nodes = 10.0.0.300", folder -> withSettings(folder,
                        "run.nodes = 10.0.0.300", "run", "-n", "1", "-m", "1"), "0 to 255"),
                new OtherWay("settings file: run.monitor-keep = maybe", folder -> withSettings(folder,
                        "run.monitor = 0\nrun.monitor-keep = maybe", "run", "-n", "1", "-m", "1"), "allowed: true, false"),
                new OtherWay("settings file: run.no-journal = maybe", folder -> withSettings(folder,
                        "run.no-journal = maybe", "run", "-n", "1", "-m", "1"), "allowed: true, false"),
                new OtherWay("settings file: run.resume = a missing journal", folder -> withSettings(folder,
                        "run.resume = /no/such/run.journal", "run"), "no such file"),
                new OtherWay("--resume of a file that is not a journal", folder -> Invocation.of("run", "--resume",
                        write(folder.resolve("notes.txt"), "pi is about 3\n").toString()), "not a dartboard journal"),
                new OtherWay("an empty DARTBOARD_SECRET", folder -> Invocation.withEnvironment(
                        Map.of("DARTBOARD_SECRET", ""), "run", "-n", "1", "-m", "1", "--nodes", "127.0.0.1"),
                        "DARTBOARD_SECRET"),
                new OtherWay("an empty secret file", folder -> Invocation.of("run", "-n", "1", "-m", "1", "--nodes",
                        "127.0.0.1", "--secret-file", write(folder.resolve("secret"), "").toString()), "empty"),
                new OtherWay("--secret-file a named pipe nobody writes to", folder -> Invocation.of("run", "-n", "1",
                        "-m", "1", "--nodes", "127.0.0.1", "--secret-file", namedPipe(folder, "secret").toString()),
                        "is a named pipe (FIFO), not a regular file"),
                new OtherWay("--config a named pipe nobody writes to", folder -> Invocation.of("run", "-n", "1", "-m",
                        "1", "--config", namedPipe(folder, "dartboard.properties").toString()),
                        "is a named pipe (FIFO), not a settings file"),
                new OtherWay("./dartboard.properties a named pipe", folder -> Invocation.withSettings(
                        new ConfigLocations(Map.of(), namedPipe(folder, "dartboard.properties").getParent(),
                                Path.of("/nonexistent/home"), Path.of("/nonexistent/system.properties")),
                        "run", "-n", "1", "-m", "1"), "is a named pipe (FIFO), not a settings file"),
                new OtherWay("--tls a named pipe nobody writes to", folder -> Invocation.withEnvironment(
                        Map.of("DARTBOARD_SECRET", "a secret of the cluster"), "node", "--tls",
                        namedPipe(folder, "node.p12").toString()), "is a named pipe (FIFO), not a key store file"),
                new OtherWay("--jobs-log a named pipe nobody reads", folder -> Invocation.of("run", "-n", "1", "-m",
                        "1", "--jobs-log", namedPipe(folder, "jobs.csv").toString()), "is a named pipe (FIFO)"));
    }

    /** A named pipe with no one at its other end: opening it would wait forever, so each case has a deadline. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputOtherWays")
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void badInputByOtherWaysIsBadUsageSaidClearly(OtherWay way) {
        Invocation run = way.call().apply(folder);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).as(run.transcript()).isEmpty();
        assertThat(run.err()).as(run.transcript()).contains(way.mustSay())
                .doesNotContain("Exception", "\tat ", "at org.", "at java.");
    }

    private static Invocation withSettings(Path folder, String settings, String... args) {
        Path file = write(folder.resolve("dartboard.properties"), settings + "\n");
        String[] withConfig = Stream.concat(Stream.of(args), Stream.of("--config", file.toString()))
                .toArray(String[]::new);
        return Invocation.of(withConfig);
    }

    /** A named pipe made by mkfifo, which Java cannot make. */
    static Path namedPipe(Path folder, String name) {
        Path pipe = folder.resolve(name);
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).redirectErrorStream(true).start();
            assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).as("mkfifo ends").isTrue();
            assertThat(mkfifo.exitValue()).as("mkfifo %s", pipe).isZero();
            return pipe;
        } catch (IOException cannot) {
            throw new UncheckedIOException(cannot);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    private static Arguments bad(String commandLine, String option, String value, String allowed) {
        return Arguments.of(commandLine, option, value, allowed);
    }
}
