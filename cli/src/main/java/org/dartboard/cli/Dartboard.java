package org.dartboard.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dartboard.cluster.DartboardNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code dartboard}: the entry point. Each subcommand is a class of this package. */
@Command(
        name = "dartboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        headerHeading = "%n",
        header = "Estimate π with the Monte Carlo dartboard method, split into jobs on local cores or server nodes.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {RunCommand.class, NodeCommand.class, CertsCommand.class, CommandLine.HelpCommand.class},
        description = {
            "",
            "Start with: dartboard run --points 1000000 --jobs 16",
            "On a cluster: 'dartboard node --bind ADDRESS' on each machine, then"
                    + " dartboard run --nodes 'PATTERN' --points 1000000 --jobs 1000",
            "A secured cluster: 'dartboard certs --out DIR --nodes NAME,...' makes a secret and key stores for"
                    + " --secret-file and --tls.",
            "Same seed, same total points: same count, on any machine, any number of threads, any split.",
            "Any option of run and node can also be set in a settings file, " + ConfigLocations.FILE_NAME
                    + ": see --config in their help."
        })
public final class Dartboard implements Runnable {

    /** The help's usual width, picocli's default: wider terminals get it as it is. */
    private static final int HELP_COLUMNS = 80;
    /** The narrowest width picocli lays the help out for. */
    private static final int NARROWEST_HELP = 55;
    /** Where an error line broken to a terminal's width goes on. */
    private static final String ERROR_CONTINUED = "  ";

    @picocli.CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing a command: try 'dartboard run'");
    }

    public static void main(String[] args) {
        configureJvm();
        PrintWriter out = writer(System.out, "stdout.encoding");
        PrintWriter err = writer(System.err, "stderr.encoding");
        System.exit(execute(args, System.in, out, err));
    }

    /**
     * A standard stream, written in its own charset; one that cannot show dartboard's symbols (no UTF-8
     * locale) gets them spelled in ASCII, rather than a question mark for each.
     */
    private static PrintWriter writer(PrintStream stream, String charsetProperty) {
        Charset charset = Screen.charsetOf(charsetProperty);
        Writer writer = new OutputStreamWriter(stream, charset);
        return new PrintWriter(AsciiSpelling.canShowSymbols(charset) ? writer : AsciiSpelling.writer(writer), true);
    }

    /**
     * The JVM-wide switches of this program, set once here at its entry and nowhere in the library: Ignite's
     * (read when its classes load) and headless drawing for the plot file (no display is needed, or wanted,
     * on a server). A switch set on the JVM's command line is kept.
     */
    static void configureJvm() {
        DartboardNode.SYSTEM_PROPERTIES.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Runs the command line with these streams and returns the exit code, reading the settings file from
     * this process's places (environment, working directory, home); for main.
     */
    public static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        return execute(args, in, out, err, ConfigLocations.ofThisProcess());
    }

    /**
     * Runs the command line with the settings file looked for in {@code settingsFrom}, whose environment
     * variables are also where the security options look (DARTBOARD_SECRET) and whose environment and home
     * say where default journals go; for tests.
     */
    static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err,
            ConfigLocations settingsFrom) {
        return execute(args, in, out, err, settingsFrom, JournalDefaults.of(settingsFrom));
    }

    /** As above, with default journals kept as {@code journals} says; for tests. */
    static int execute(String[] args, InputStream in, PrintWriter out, PrintWriter err,
            ConfigLocations settingsFrom, JournalDefaults journals) {
        ConfigDefaults settings = new ConfigDefaults(settingsFrom);
        CommandLine commandLine = commandLine(in, settings, settingsFrom.environment(), journals);
        commandLine.setOut(out);
        commandLine.setErr(err);
        // The help is laid out for 80 columns; a narrower terminal gets it laid out for itself, not broken
        // within words by the terminal. picocli lays out nothing narrower than 55.
        int columns = Screen.standardOutput(settingsFrom.environment()).columns();
        if (columns > 0) {
            commandLine.setUsageHelpWidth(Math.max(NARROWEST_HELP, Math.min(columns, HELP_COLUMNS)));
        }
        Screen errors = Screen.standardError(settingsFrom.environment());
        commandLine.setParameterExceptionHandler(new OneLineUsageError(settings, errors));
        commandLine.setExecutionExceptionHandler((failure, failed, parsed) -> {
            failed.getErr().println(errors.wrapped(failed.getCommandSpec().qualifiedName() + ": error: "
                    + failure.getMessage(), ERROR_CONTINUED));
            return ExitCodes.FAILED;
        });
        return commandLine.execute(args);
    }

    /** The command tree with its options and settings file, before any streams or handlers are set. */
    static CommandLine commandLine(InputStream in, ConfigDefaults settings, Map<String, String> environment) {
        return commandLine(in, settings, environment, JournalDefaults.of(ConfigLocations.ofThisProcess()));
    }

    /**
     * The command tree as the reference documents it (docs/reference, the man pages, the shell completion):
     * read from the annotations alone, with no settings file, an empty environment and nothing on standard
     * input, so that what is generated from it is the same on every machine. Nothing is run with it. The one
     * place the generators and their tests build the tree: keep it working when the commands change.
     */
    static CommandLine commandTreeForDocs() {
        // No file can be found under /dev/null, which is not a folder.
        Path nowhere = Path.of("/dev/null/dartboard-docs");
        ConfigLocations noSettings = new ConfigLocations(Map.of(), nowhere, nowhere,
                nowhere.resolve(ConfigLocations.FILE_NAME));
        return commandLine(InputStream.nullInputStream(), new ConfigDefaults(noSettings), Map.of(),
                JournalDefaults.of(Map.of(), nowhere));
    }

    private static CommandLine commandLine(InputStream in, ConfigDefaults settings, Map<String, String> environment,
            JournalDefaults journals) {
        CommandLine commandLine = new CommandLine(new Dartboard(), new Factory(in, settings, environment, journals));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setDefaultValueProvider(settings);
        return commandLine;
    }

    /**
     * Bad usage: one line that names the option, the value and what is allowed; never a stack trace. When
     * the value came from the settings file, the line starts with the file, the key and the value. A
     * mistyped option or command gets the nearest ones that exist. On a terminal, the line is broken
     * between words to its width.
     */
    private static final class OneLineUsageError implements IParameterExceptionHandler {
        private final ConfigDefaults settings;
        private final Screen errors;

        OneLineUsageError(ConfigDefaults settings, Screen errors) {
            this.settings = settings;
            this.errors = errors;
        }

        @Override
        public int handleParseException(ParameterException problem, String[] args) {
            CommandLine failed = problem.getCommandLine();
            String command = failed.getCommandSpec().qualifiedName();
            String source = settings.blame(problem).map(setting -> setting + ": ").orElse("");
            failed.getErr().println(errors.wrapped(command + ": " + source + problem.getMessage() + suggestions(problem)
                    + " (see '" + command + " --help')", ERROR_CONTINUED));
            return ExitCodes.USAGE;
        }

        /** "; did you mean '--points'?" for a word that is neither an option nor a command, but close to some. */
        private static String suggestions(ParameterException problem) {
            if (!(problem instanceof UnmatchedArgumentException unmatched)) {
                return "";
            }
            List<String> near = Suggestions.of(unmatched).stream().map(word -> "'" + word + "'").toList();
            return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
        }
    }

    /**
     * Gives the run command the standard input to read answers from and where default journals go, the
     * commands their settings file, and the security options the environment.
     */
    private static final class Factory implements IFactory {
        private final InputStream in;
        private final ConfigDefaults settings;
        private final Map<String, String> environment;
        private final JournalDefaults journals;

        Factory(InputStream in, ConfigDefaults settings, Map<String, String> environment, JournalDefaults journals) {
            this.in = in;
            this.settings = settings;
            this.environment = environment;
            this.journals = journals;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
                return type.cast(new RunCommand(in, settings, journals, environment));
            }
            if (type == NodeCommand.class) {
                return type.cast(new NodeCommand(settings));
            }
            if (type == CertsCommand.class) {
                return type.cast(new CertsCommand(environment));
            }
            if (type == SecurityOptions.class) {
                return type.cast(new SecurityOptions(environment));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
