package org.dartboard.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option, mixed into every command that reads the settings file; {@link
 * ConfigDefaults} finds it by name and reads the file it names before the command's other defaults.
 */
final class ConfigOption {

    static final String NAME = "--config";

    @Option(names = NAME, paramLabel = "FILE",
            description = "Settings file: one 'key = value' line per option, the option's name without dashes"
                    + " (e.g. points, or run.points for this command only). The command line wins over the file."
                    + " Default: $" + ConfigLocations.ENVIRONMENT_VARIABLE + ", else ./" + ConfigLocations.FILE_NAME
                    + ", else ~/.config/dartboard/" + ConfigLocations.FILE_NAME + ", else /etc/dartboard/"
                    + ConfigLocations.FILE_NAME + ", the first that exists; --config /dev/null reads none.")
    Path file;
}
