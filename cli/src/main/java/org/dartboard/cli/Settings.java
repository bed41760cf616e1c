package org.dartboard.cli;

import java.util.function.Supplier;
import org.dartboard.run.InvalidSettingException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The one place where the library's word for a bad setting becomes the command line's: a setting is named as
 * the option that gives it, so {@code Invalid value for setting 'threads'} is bad usage of {@code --threads}.
 */
final class Settings {

    private Settings() {
    }

    /**
     * What {@code build} makes, or bad usage naming the option of the setting it refused.
     *
     * @throws ParameterException for an {@link InvalidSettingException}
     */
    static <T> T checked(CommandSpec spec, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidSettingException invalid) {
            throw usage(spec, invalid);
        }
    }

    /** The bad usage that an invalid setting is on this command line. */
    static ParameterException usage(CommandSpec spec, InvalidSettingException invalid) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '--" + invalid.setting() + "': "
                + invalid.problem());
    }
}
