package org.dartboard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command that carries on a run from its journal, for the report to print: {@code --resume} with the
 * journal's absolute path, then the options given this time, except the plan's (the journal holds it) and
 * those that start new files.
 */
final class ResumeCommand {

    /** Options the resume command leaves out: the journal holds the plan, and new files are not started again. */
    private static final Set<String> NOT_REPEATED = Set.of("--points", "--jobs", "--total-points", "--seed",
            "--journal", "--no-journal", "--resume", "--jobs-log");

    private ResumeCommand() {
    }

    /**
     * The words to paste into a shell to finish the run of {@code journal}, as this command line was given.
     *
     * @param launcher what started dartboard ({@link LauncherCommand})
     */
    static String of(List<String> launcher, ParseResult given, Path journal) {
        List<String> words = new ArrayList<>(launcher);
        words.addAll(List.of("run", "--resume", journal.toAbsolutePath().normalize().toString()));
        for (OptionSpec option : given.matchedOptions()) {
            if (NOT_REPEATED.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() == 0) {
                words.add(option.longestName());
            }
            for (String value : option.originalStringValues()) {
                words.add(option.longestName());
                words.add(value);
            }
        }
        return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}
