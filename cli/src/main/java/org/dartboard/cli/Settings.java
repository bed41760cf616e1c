package org.dartboard.cli;

import java.math.BigInteger;
import java.util.function.Supplier;
import org.dartboard.run.InvalidSettingException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where a setting's value becomes bad usage of the option that gives it: the library's word for a bad
 * setting ({@code Invalid value for setting 'threads'} is bad usage of {@code --threads}), and the range of a
 * count typed as an option, which may be far larger than any {@code int} before the library sees it.
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

    /** A count given to an option must be from 1 to {@code max}; null (not given) passes. */
    static void requireRange(CommandSpec spec, String option, BigInteger value, BigInteger max) {
        if (value != null && (value.signum() <= 0 || value.compareTo(max) > 0)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + value
                    + " is out of range (allowed: 1 to " + max + ")");
        }
    }
}
