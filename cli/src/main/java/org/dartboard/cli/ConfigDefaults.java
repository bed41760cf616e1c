package org.dartboard.cli;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The settings file ({@code dartboard.properties}) as picocli's default value provider, so that every
 * option of every command that has {@code --config} can be set in the file with no code per option,
 * including options added later. Picocli asks for a default only for the options that the command line
 * did not give, so the command line wins.
 *
 * <p>A key is an option's long name without its dashes: {@code bind}, {@code total-points}. A key
 * prefixed with a command's name ({@code run.threads}, {@code node.port}) applies to that command only
 * and wins over the plain key, which applies to every command that has the option; so one file serves
 * a node and a client. Relative file paths in values are taken from the settings file's folder.
 *
 * <p>The file is checked as a whole when it is first needed: a key that no command has is refused (a
 * typo would otherwise be silently ignored), and so is a key given twice. A value is checked by the
 * option itself, like a value typed on the command line; {@link #blame} then says which line of which
 * file it came from.
 */
final class ConfigDefaults implements IDefaultValueProvider {

    /** An option's name in a message: {@code '--threads'}, {@code --points}. */
    private static final Pattern OPTION_NAME = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9-]*");

    private final ConfigLocations locations;
    /** The file read so far and the --config value it was found with; null until first needed. */
    private Loaded loaded;
    /** The settings that became option values, by each of the option's names, for {@link #blame}. */
    private final Map<String, Setting> served = new HashMap<>();

    ConfigDefaults(ConfigLocations locations) {
        this.locations = locations;
    }

    /** One line of the settings file that gave an option its value. */
    record Setting(Path file, String key, String value) {
        @Override
        public String toString() {
            return "settings file " + file + ": " + key + " = " + value;
        }
    }

    /** A settings file read and checked, or none found ({@code found} empty, no entries). */
    private record Loaded(Path explicit, Optional<ConfigLocations.Found> found, Map<String, String> entries) {
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        CommandSpec command = arg.command();
        OptionSpec config = command.findOption(ConfigOption.NAME);
        // Only commands with --config read the file; --help and --version work whatever the file says.
        if (config == null || option == config || command.commandLine() == null
                || command.commandLine().isUsageHelpRequested() || command.commandLine().isVersionHelpRequested()) {
            return null;
        }
        Loaded file = load(command);
        if (file.found().isEmpty()) {
            return null;
        }
        String plain = key(option);
        String qualified = command.name() + "." + plain;
        String key = file.entries().containsKey(qualified) ? qualified : plain;
        String value = file.entries().get(key);
        if (value == null) {
            return null;
        }
        Path path = file.found().get().path();
        // A value the command would ask for without echo (a password) is not repeated in messages either.
        String shown = option.interactive() && !option.echo() ? "(hidden)" : value;
        Setting setting = new Setting(path, key, shown);
        for (String name : option.names()) {
            served.put(name, setting);
        }
        // A switch on the command line takes no value, so picocli's message for a bad one omits what is allowed.
        if (isSwitch(option) && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new ParameterException(command.commandLine(), "Invalid value for option '" + option.longestName()
                    + "': '" + value + "' (allowed: true, false)", option, value);
        }
        return isFilePath(option) ? relativeToFile(value, path) : value;
    }

    /**
     * The settings file the command read, if any; reads it now if no default was needed yet, so that a
     * file with a bad key is refused even when the command line gave every option.
     */
    Optional<ConfigLocations.Found> fileFor(CommandSpec command) {
        return load(command).found();
    }

    /**
     * The line of the settings file that caused this error, if one did: the option the error is about,
     * else the first option the message names, when its value came from the file.
     */
    Optional<Setting> blame(ParameterException problem) {
        if (served.isEmpty()) {
            return Optional.empty();
        }
        if (problem.getArgSpec() instanceof OptionSpec option && served.containsKey(option.longestName())) {
            return Optional.of(served.get(option.longestName()));
        }
        Matcher names = OPTION_NAME.matcher(Objects.requireNonNullElse(problem.getMessage(), ""));
        while (names.find()) {
            Setting setting = served.get(names.group());
            if (setting != null) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /** The key of an option: its longest name without the leading dashes. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The keys the file may hold: every option of every command with --config, plain and prefixed. */
    static Map<String, List<String>> keysByCommand(CommandSpec root) {
        Map<String, List<String>> keys = new TreeMap<>();
        for (CommandLine sub : new LinkedHashSet<>(root.subcommands().values())) {
            CommandSpec command = sub.getCommandSpec();
            if (command.findOption(ConfigOption.NAME) == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (OptionSpec option : command.options()) {
                if (!option.usageHelp() && !option.versionHelp() && !option.longestName().equals(ConfigOption.NAME)) {
                    names.add(key(option));
                }
            }
            keys.put(command.name(), names);
        }
        return keys;
    }

    private Loaded load(CommandSpec command) {
        Path explicit = command.findOption(ConfigOption.NAME).getValue();
        if (loaded != null) {
            if (!Objects.equals(loaded.explicit(), explicit)) {
                // Only options in groups are defaulted while the command line is still being read.
                throw new ParameterException(command.commandLine(), "--config must come before the other options");
            }
            return loaded;
        }
        try {
            Optional<ConfigLocations.Found> found = locations.find(explicit);
            Map<String, String> entries = found.isPresent() ? read(found.get(), command) : Map.of();
            loaded = new Loaded(explicit, found, entries);
            return loaded;
        } catch (IllegalArgumentException unusable) {
            throw new ParameterException(command.commandLine(), unusable.getMessage());
        }
    }

    private static Map<String, String> read(ConfigLocations.Found found, CommandSpec command) {
        Path path = found.path();
        Map<String, String> entries = new TreeMap<>();
        List<String> repeated = new ArrayList<>();
        // Properties keeps the last of repeated keys without a word; a repeated key is a mistake to show.
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                if (entries.put((String) key, (String) value) != null) {
                    repeated.add((String) key);
                }
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("settings file " + found + ": cannot read it ("
                    + IoProblem.words(unreadable) + ")");
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("settings file " + found + ": cannot read it ("
                    + Objects.requireNonNullElse(malformed.getMessage(), "malformed text") + ")");
        }
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException("settings file " + path + ": key '" + repeated.get(0)
                    + "' is set more than once (keep one line per key)");
        }
        Map<String, List<String>> allowed = keysByCommand(command.root());
        for (String key : entries.keySet()) {
            String problem = unknown(key, allowed);
            if (problem != null) {
                throw new IllegalArgumentException("settings file " + path + ": unknown key '" + key + "': " + problem);
            }
        }
        return entries;
    }

    /** Why the key names no option, or null when it does. */
    private static String unknown(String key, Map<String, List<String>> allowed) {
        int dot = key.indexOf('.');
        if (dot >= 0) {
            String commandName = key.substring(0, dot);
            List<String> keys = allowed.get(commandName);
            if (keys == null) {
                return "'" + commandName + "' is not a command that reads settings (prefixes allowed: "
                        + String.join(", ", allowed.keySet().stream().map(name -> name + ".").toList()) + ")";
            }
            String option = key.substring(dot + 1);
            if (!keys.contains(option)) {
                return "'dartboard " + commandName + "' has no option --" + option
                        + didYouMean(Suggestions.nearest(option, keys).stream().map(near -> commandName + "." + near)
                                .toList())
                        + " (its keys: " + String.join(", ", keys) + ")";
            }
            return null;
        }
        if (allowed.values().stream().noneMatch(keys -> keys.contains(key))) {
            TreeSet<String> all = new TreeSet<>();
            allowed.values().forEach(all::addAll);
            return "no command has an option --" + key + didYouMean(Suggestions.nearest(key, all))
                    + " (keys allowed: " + String.join(", ", all)
                    + "; a key may be prefixed with its command, e.g. run.points)";
        }
        return null;
    }

    /** A mistyped key's nearest keys, as the command line suggests options: "did you mean 'run.threads'?". */
    private static String didYouMean(List<String> keys) {
        return keys.isEmpty() ? "" : ": did you mean '" + String.join("' or '", keys) + "'?";
    }

    private static boolean isSwitch(OptionSpec option) {
        return option.type() == boolean.class || option.type() == Boolean.class;
    }

    private static boolean isFilePath(OptionSpec option) {
        return option.type() == Path.class || option.type() == File.class;
    }

    private static String relativeToFile(String value, Path file) {
        if (value.isBlank() || Path.of(value).isAbsolute()) {
            return value;
        }
        Path folder = file.toAbsolutePath().getParent();
        return folder == null ? value : folder.resolve(value).normalize().toString();
    }
}
