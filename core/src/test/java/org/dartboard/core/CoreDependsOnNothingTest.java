package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The mathematics imports nothing but the JDK and itself (docs/design.md), so that every node, the client and
 * the benchmarks share it without dragging in the engine, the command line or the web view.
 */
class CoreDependsOnNothingTest {

    /** Surefire runs in the module's folder. */
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

    /** The JDK's own incubating Vector API: part of the JDK, needed by the vector kernel alone. */
    private static final String VECTOR_API = "jdk.incubator.vector.";

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void mainSourcesImportOnlyTheJdkAndCore() throws IOException {
        List<Path> sources = javaSources();
        assertThat(sources).as("core sources under %s", MAIN_SOURCES.toAbsolutePath()).isNotEmpty();
        List<String> foreign = sources.stream()
                .flatMap(CoreDependsOnNothingTest::foreignImports)
                .collect(Collectors.toList());
        assertThat(foreign).as("imports outside java.*, the JDK's Vector API and org.dartboard.core").isEmpty();
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            return files.filter(file -> file.toString().endsWith(".java")).collect(Collectors.toList());
        }
    }

    private static Stream<String> foreignImports(Path source) {
        String text;
        try {
            text = Files.readString(source);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + source, e);
        }
        Stream.Builder<String> foreign = Stream.builder();
        Matcher imports = IMPORT.matcher(text);
        while (imports.find()) {
            String name = imports.group(1);
            if (!name.startsWith("java.") && !name.startsWith(VECTOR_API) && !name.startsWith("org.dartboard.core.")) {
                foreign.add(source.getFileName() + ": " + name);
            }
        }
        return foreign.build();
    }
}
