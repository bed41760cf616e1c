package org.dartboard.run;

/**
 * A setting of an {@link Estimation} (or of a farm, or a node) that cannot be used, found when it is built,
 * before anything starts. The message names the setting, the value given and what is allowed, in the way
 * HikariCP checks a pool's configuration: {@code Invalid value for setting 'threads': 0 is out of range
 * (allowed: 1 to 4096)}.
 *
 * <p>Settings are named as the command line's options are, without the dashes ({@code threads},
 * {@code connect-timeout}), so that a command line can say which option was wrong.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String problem;

    /**
     * @param setting the setting's name, such as {@code threads}
     * @param problem what is wrong with its value and what is allowed, such as {@code 0 is out of range
     *     (allowed: 1 to 4096)}
     */
    public InvalidSettingException(String setting, String problem) {
        super("Invalid value for setting '" + setting + "': " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** The setting's name, such as {@code threads}. */
    public String setting() {
        return setting;
    }

    /** What is wrong with its value and what is allowed. */
    public String problem() {
        return problem;
    }
}
