package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sample settings file shipped in the distribution archive (src/dist/dartboard.properties): every key
 * in it is a real option with a value the option accepts, and every option of every command that reads
 * settings has its line, so an option added later cannot be forgotten there.
 */
class SampleSettingsTest {

    private static final Path SAMPLE = Path.of("src/dist/dartboard.properties");
    /** A commented-out setting: {@code # node.bind = 192.168.1.12}. */
    private static final Pattern SETTING = Pattern.compile("^# ([a-z][a-z0-9-]*(?:\\.[a-z][a-z0-9-]*)?) = (.+)$");

    @TempDir
    Path folder;

    @Test
    void everyKeyOfTheSampleIsAnOptionOfItsCommand() throws IOException {
        Map<String, List<String>> keys = ConfigDefaults.keysByCommand(commandLine().getCommandSpec());

        for (String key : sampleKeys()) {
            String[] parts = key.split("\\.", 2);
            assertThat(parts).as("key %s names its command, e.g. node.bind", key).hasSize(2);
            assertThat(keys).as("key %s: a command that reads settings", key).containsKey(parts[0]);
            assertThat(keys.get(parts[0])).as("key %s: an option of dartboard %s", key, parts[0]).contains(parts[1]);
        }
    }

    @Test
    void everyOptionHasItsLineInTheSample() throws IOException {
        Map<String, List<String>> keys = ConfigDefaults.keysByCommand(commandLine().getCommandSpec());
        List<String> sample = sampleKeys();

        keys.forEach((command, options) -> options.forEach(option -> assertThat(sample)
                .as("option --%s of 'dartboard %s' has no line '# %s.%s = EXAMPLE' (with a comment above it) in %s",
                        option, command, command, option, SAMPLE.toAbsolutePath())
                .contains(command + "." + option)));
    }

    @Test
    void everyValueOfTheSampleIsAcceptedByItsOption() throws IOException {
        // The sample with every setting switched on, read by each command (parsed only: nothing runs).
        StringBuilder enabled = new StringBuilder();
        for (String line : Files.readAllLines(SAMPLE)) {
            Matcher setting = SETTING.matcher(line);
            if (setting.matches()) {
                enabled.append(setting.group(1)).append(" = ").append(setting.group(2)).append('\n');
            }
        }
        Path file = Files.writeString(folder.resolve("dartboard.properties"), enabled);

        for (String command : List.of("run", "node")) {
            CommandLine.ParseResult parsed = commandLine().parseArgs(command, "--config", file.toString());
            assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(command);
        }
    }

    private static List<String> sampleKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLE)) {
            Matcher setting = SETTING.matcher(line);
            if (setting.matches()) {
                assertThat(keys).as("%s: key %s appears twice", SAMPLE, setting.group(1)).doesNotContain(setting.group(1));
                keys.add(setting.group(1));
            }
        }
        assertThat(keys).as("settings in %s", SAMPLE).isNotEmpty();
        return keys;
    }

    private static CommandLine commandLine() {
        return Dartboard.commandLine(InputStream.nullInputStream(),
                new ConfigDefaults(Invocation.NO_SETTINGS_FILE), Map.of());
    }
}
