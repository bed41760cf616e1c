package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One in-process call of the dartboard command through {@link Dartboard#execute}: the exit code and
 * everything printed, with standard input fed from a string so prompts can be answered.
 */
record Invocation(int exitCode, String out, String err) {

    /** Rejects a second document or stray text after the first one: stdout must be one JSON object. */
    static final ObjectMapper STRICT_JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Where the tests look for a settings file unless they say otherwise: nowhere that exists, so that a
     * developer's own dartboard.properties (in ~/.config or /etc) cannot change what the tests see.
     */
    static final ConfigLocations NO_SETTINGS_FILE = new ConfigLocations(Map.of(),
            Path.of("/nonexistent/dartboard-tests"), Path.of("/nonexistent/dartboard-tests"),
            Path.of("/nonexistent/dartboard-tests/dartboard.properties"));

    /** Default journals of tests go to the build folder, never to the user's state directory. */
    static final JournalDefaults TEST_JOURNALS = JournalDefaults.of(
            Map.of("XDG_STATE_HOME", Path.of("target", "test-state").toAbsolutePath().toString()), Path.of("unused"));

    /** Runs the command with nothing on standard input: a prompt there meets end of input at once. */
    static Invocation of(String... args) {
        return answering("", args);
    }

    /** Runs the command with nothing on standard input and default journals kept as {@code journals} says. */
    static Invocation withJournals(JournalDefaults journals, String... args) {
        return run("", NO_SETTINGS_FILE, journals, args);
    }

    /** Runs the command with {@code answers} on standard input, as if piped in. */
    static Invocation answering(String answers, String... args) {
        return run(answers, NO_SETTINGS_FILE, TEST_JOURNALS, args);
    }

    /** Runs the command with the settings file looked for in {@code settingsFrom}. */
    static Invocation withSettings(ConfigLocations settingsFrom, String... args) {
        return run("", settingsFrom, TEST_JOURNALS, args);
    }

    /** Runs the command with these environment variables and no others, no settings file, nothing on standard input. */
    static Invocation withEnvironment(Map<String, String> environment, String... args) {
        return run("", new ConfigLocations(environment, NO_SETTINGS_FILE.workingDirectory(), NO_SETTINGS_FILE.userHome(),
                NO_SETTINGS_FILE.systemFile()), TEST_JOURNALS, args);
    }

    private static Invocation run(String answers, ConfigLocations settingsFrom, JournalDefaults journals,
            String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err);
        int exitCode = Dartboard.execute(args,
                new ByteArrayInputStream(answers.getBytes(StandardCharsets.UTF_8)), outWriter, errWriter,
                settingsFrom, journals);
        outWriter.flush();
        errWriter.flush();
        return new Invocation(exitCode, out.toString(), err.toString());
    }

    /** Splits a command line written as one string, for tables of cases. */
    static Invocation ofLine(String commandLine) {
        String stripped = commandLine.strip();
        return of(stripped.isEmpty() ? new String[0] : stripped.split("\\s+"));
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** Standard output as the one JSON object it must be; fails the test otherwise. */
    JsonNode json() {
        try {
            JsonNode document = STRICT_JSON.readTree(out);
            assertThat(document).as("stdout of a --format json run:%n%s", out).isNotNull();
            assertThat(document.isObject()).as("stdout is a JSON object:%n%s", out).isTrue();
            return document;
        } catch (JsonProcessingException notJson) {
            throw new AssertionError("stdout is not one JSON object: " + notJson.getMessage() + "\n" + out, notJson);
        }
    }

    /** Everything the command said, for assertion messages. */
    String transcript() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
