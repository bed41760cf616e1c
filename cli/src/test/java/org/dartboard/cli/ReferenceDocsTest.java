package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The option reference committed in docs/reference is what picocli's man page generator makes of the
 * commands as they are now, so it cannot drift from them; and it is the same on every machine, whatever its
 * cores, settings files, environment or language, so that regenerating it elsewhere changes nothing.
 */
class ReferenceDocsTest {

    /** With this system property set to true, the test rewrites docs/reference instead of failing. */
    static final String WRITE_PROPERTY = "dartboard.writeReference";
    /** The command that regenerates the reference, from the repository's root folder. */
    static final String REGENERATE = "mvn -B -q -pl cli -am test -Dtest=ReferenceDocsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE_PROPERTY + "=true";

    @TempDir
    Path folder;

    @Test
    void theCommittedReferenceIsWhatTheCommandsSayNow() throws IOException {
        Map<String, String> generated = ReferencePages.generate(folder.resolve("generated"));
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            ReferencePages.replace(ReferencePages.COMMITTED, generated);
        }
        List<String> differences = differences(ReferencePages.read(ReferencePages.COMMITTED), "committed",
                generated, "generated");
        if (!differences.isEmpty()) {
            fail("docs/reference is out of date: it is not what the commands say now.%n  %s%n"
                    + "Regenerate it from the repository's root folder with%n  %s%nand commit docs/reference.",
                    String.join("\n  ", differences), REGENERATE);
        }
        assertThat(generated.keySet()).as("a page per command")
                .contains("dartboard.adoc", "dartboard-run.adoc", "dartboard-node.adoc", "dartboard-certs.adoc");
        String index = Files.readString(ReferencePages.COMMITTED.resolve("README.md"));
        for (String page : generated.keySet()) {
            assertThat(index).as("docs/reference/README.md links every page").contains("(" + page + ")");
        }
    }

    @Test
    void theReferenceIsTheSameOnAMachineWithOtherCoresSettingsEnvironmentAndLanguage() throws Exception {
        Map<String, String> here = ReferencePages.generate(folder.resolve("here"));

        int cores = Runtime.getRuntime().availableProcessors() == 3 ? 5 : 3;
        Path work = Files.createDirectories(folder.resolve("work"));
        Path home = Files.createDirectories(folder.resolve("home"));
        String settings = String.join("\n", "threads = 7", "digits = 7", "format = json", "node.cpus = 7",
                "node.bind = 192.0.2.7", "node.port = 17000", "");
        Files.writeString(work.resolve(ConfigLocations.FILE_NAME), settings);
        Files.writeString(Files.createDirectories(home.resolve(".config/dartboard")).resolve(ConfigLocations.FILE_NAME),
                settings);
        Path elsewhere = folder.resolve("elsewhere");
        ProcessBuilder otherMachine = new ProcessBuilder(DartboardProcess.java(), "-XX:ActiveProcessorCount=" + cores,
                "-Duser.language=de", "-Duser.country=DE", "-cp", System.getProperty("java.class.path"),
                ReferencePages.class.getName(), elsewhere.toString())
                .directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> environment = otherMachine.environment();
        environment.clear();
        environment.put("HOME", home.toString());
        environment.put("LANG", "de_DE.UTF-8");
        environment.put("COLUMNS", "200");
        environment.put(ConfigLocations.ENVIRONMENT_VARIABLE, work.resolve(ConfigLocations.FILE_NAME).toString());
        environment.put("DARTBOARD_SECRET", "a secret of the other machine");
        environment.put("XDG_STATE_HOME", folder.resolve("state").toString());
        Process generator = otherMachine.start();
        String said = new String(generator.getInputStream().readAllBytes());
        assertThat(generator.waitFor(60, TimeUnit.SECONDS)).as("the generator ends").isTrue();
        assertThat(generator.exitValue()).as(said).isZero();

        List<String> differences = differences(here, "here", ReferencePages.read(elsewhere), "there");
        if (!differences.isEmpty()) {
            fail("The reference depends on the machine that makes it: made with " + cores + " cores, settings files,"
                    + " DARTBOARD_CONFIG, DARTBOARD_SECRET and a German locale, it differs from the one made here"
                    + " (an option's ${DEFAULT-VALUE} that is the number of cores, or a text read from the settings"
                    + " file or the environment, in Dartboard.commandTreeForDocs()):%n  %s",
                    String.join("\n  ", differences));
        }
    }

    /** What differs between two sets of pages: pages only in one, and each page's first differing line. */
    private static List<String> differences(Map<String, String> one, String oneName, Map<String, String> other,
            String otherName) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> pages = new TreeSet<>(one.keySet());
        pages.addAll(other.keySet());
        for (String page : pages) {
            String a = one.get(page);
            String b = other.get(page);
            if (a == null || b == null) {
                differences.add(page + ": only " + (a == null ? otherName : oneName));
            } else if (!a.equals(b)) {
                differences.add(page + ": " + firstDifference(a, oneName, b, otherName));
            }
        }
        return differences;
    }

    private static String firstDifference(String one, String oneName, String other, String otherName) {
        String[] a = one.split("\n", -1);
        String[] b = other.split("\n", -1);
        for (int line = 0; line < Math.max(a.length, b.length); line++) {
            String inOne = line < a.length ? "'" + a[line] + "'" : "(end of file)";
            String inOther = line < b.length ? "'" + b[line] + "'" : "(end of file)";
            if (!inOne.equals(inOther)) {
                return "line " + (line + 1) + ": " + oneName + " " + inOne + ", " + otherName + " " + inOther;
            }
        }
        return "line endings differ";
    }
}
