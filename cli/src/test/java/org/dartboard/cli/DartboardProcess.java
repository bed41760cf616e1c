package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The packaged jar run as a real process, for the integration tests: real exit codes, real signals, a
 * real heap limit. Output is drained by background threads (a full pipe would stall the child), and every
 * wait is bounded; {@link #close} kills the process if a test left it running.
 */
final class DartboardProcess implements AutoCloseable {

    /** SIGINT's bit in the SigIgn mask of /proc/PID/status (signal 2 is bit 1). */
    private static final long SIGINT_BIT = 1L << 1;

    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private DartboardProcess(Process process) {
        this.process = process;
        this.stdoutReader = drain(process.getInputStream(), stdout, stdoutLines, "dartboard-stdout");
        this.stderrReader = drain(process.getErrorStream(), stderr, null, "dartboard-stderr");
    }

    /** The packaged jar, as built by the package phase; failsafe passes its path. */
    static Path jar() {
        String jar = System.getProperty("dartboard.jar");
        assertThat(jar).as("system property dartboard.jar (set by failsafe in cli/pom.xml)").isNotBlank();
        assertThat(Path.of(jar)).as("the packaged jar; run 'mvn verify', which packages first").isRegularFile();
        return Path.of(jar);
    }

    /** The java of the JVM running the tests, so the child runs on the same JDK. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java [jvmOptions] -jar dartboard.jar args}. */
    static DartboardProcess start(List<String> jvmOptions, String... args) {
        return start(Map.of(), jvmOptions, args);
    }

    /**
     * As {@link #start(List, String...)}, with these environment variables added to the test's own; a
     * {@code DARTBOARD_SECRET} of the developer's never reaches a test's process, only one the test gives.
     */
    static DartboardProcess start(Map<String, String> environment, List<String> jvmOptions, String... args) {
        return startWithPrefix(List.of(), environment, jvmOptions, args);
    }

    /**
     * The same, run through a command prefix, such as {@code ip netns exec NAME} for a test host of its own.
     */
    static DartboardProcess startWithPrefix(List<String> prefix, Map<String, String> environment,
            List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(defaultSigintPrefix());
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(SecurityOptions.ENVIRONMENT_VARIABLE);
        builder.environment().putAll(environment);
        return start(builder);
    }

    static DartboardProcess start(String... args) {
        return start(List.of(), args);
    }

    static DartboardProcess start(ProcessBuilder builder) {
        // A developer's own settings file (~/.config/dartboard, /etc/dartboard) must not change what the tests
        // see; a test about settings files names its own.
        builder.environment().putIfAbsent("DARTBOARD_CONFIG", "/dev/null");
        // Default journals of long test runs go to the build folder, never to the user's state directory.
        builder.environment().putIfAbsent("XDG_STATE_HOME", jar().resolveSibling("it-state").toString());
        try {
            return new DartboardProcess(builder.start());
        } catch (IOException cannotStart) {
            throw new UncheckedIOException("cannot start " + builder.command(), cannotStart);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Writes the answers to the child's standard input and closes it, as a pipe from {@code printf} would. */
    void answerAndClose(String answers) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(answers.getBytes(StandardCharsets.UTF_8));
        } catch (IOException childGone) {
            // The child may have exited before reading everything: its exit code will tell.
        }
    }

    /** The first stdout line matching {@code wanted}, waiting at most {@code timeout}. */
    String awaitStdoutLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? stdoutLines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no such line on stdout within " + timeout + ":\n" + transcript());
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /**
     * Waits until the standard error read so far satisfies {@code wanted}, at most {@code timeout}. The
     * whole text is tested, not line by line, so a line already seen can still be waited for; a child that
     * exits first fails the wait at once, with its transcript.
     */
    void awaitStderr(String what, Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!wanted.test(stderr())) {
            if (!process.isAlive()) {
                // The readers may still hold the last bytes: give them a moment, then look once more.
                stderrReader.join(Duration.ofSeconds(5).toMillis());
                if (wanted.test(stderr())) {
                    return;
                }
                throw new AssertionError("exited with " + process.exitValue() + " before " + what + ":\n"
                        + transcript());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout + ":\n" + transcript());
            }
            Thread.sleep(50);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGKILL, as {@code kill -9} does: no shutdown hook runs, sockets just close. Waits for the end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("still running 10 s after SIGKILL:\n" + transcript());
        }
    }

    /** Waits until a thread with this name runs in the child, or gives up quietly where /proc is missing. */
    void awaitThread(String name, Duration timeout) throws InterruptedException {
        Path tasks = Path.of("/proc", String.valueOf(pid()), "task");
        if (!Files.isDirectory(tasks)) {
            Thread.sleep(timeout.toMillis());
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (threadNames(tasks).contains(name)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no thread " + name + " within " + timeout + ":\n" + transcript());
    }

    /** Sends SIGTERM, as {@code systemctl stop} and {@code kill} do. */
    void terminate() {
        // Through the handle: Process.destroy() would also close our end of the pipes, losing the last lines.
        process.toHandle().destroy();
    }

    /**
     * Sends SIGSTOP: the process freezes, as a machine that swaps hard or a suspended VM does; its sockets stay
     * open, and the system still accepts connections to its ports.
     */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Sends SIGCONT: a frozen process goes on where it stopped. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill -%s returns", name).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d", name, pid()).isZero();
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill -INT returns").isTrue();
        assertThat(kill.exitValue()).as("kill -INT %d", pid()).isZero();
    }

    /** The exit code, failing the test if the process is still running after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + ":\n" + transcript());
        }
        // Both pipes are at end of file once the process is gone; the readers finish quickly.
        stdoutReader.join(Duration.ofSeconds(10).toMillis());
        stderrReader.join(Duration.ofSeconds(10).toMillis());
        return process.exitValue();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    String transcript() {
        return "--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A child inherits an ignored SIGINT, and a JVM that starts with SIGINT ignored never hears Ctrl-C.
     * Shells ignore it for background jobs ({@code mvn verify &} in a script), so then the child is
     * started through {@code env --default-signal=INT}, which gives it the disposition a terminal would.
     */
    private static List<String> defaultSigintPrefix() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return List.of();
        }
        try {
            boolean ignored = Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("SigIgn:"))
                    .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16))
                    .anyMatch(mask -> (mask & SIGINT_BIT) != 0);
            return ignored ? List.of("env", "--default-signal=INT") : List.of();
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    private static List<String> threadNames(Path tasks) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(task -> {
                try {
                    names.add(Files.readString(task.resolve("comm")).strip());
                } catch (IOException threadEnded) {
                    // The thread ended between listing and reading: it is not the one we wait for.
                }
            });
        } catch (IOException processEnded) {
            // The process ended: the caller sees it is no longer alive.
        }
        return names;
    }

    private static Thread drain(InputStream stream, StringBuffer all, BlockingQueue<String> lines, String name) {
        Thread reader = new Thread(() -> {
            StringBuilder line = new StringBuilder();
            try (Reader text = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                int c;
                while ((c = text.read()) != -1) {
                    all.append((char) c);
                    if (c == '\n') {
                        if (lines != null) {
                            lines.add(line.toString());
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
            } catch (IOException closed) {
                // The process was destroyed: what was read so far is kept.
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
