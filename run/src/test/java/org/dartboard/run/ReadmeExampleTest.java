package org.dartboard.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library example is the code a newcomer copies first: this compiles exactly the README's
 * block, runs it in a JVM of its own, and checks that it prints what the README says it prints.
 */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path folder;

    @Test
    void theReadmesLibraryExampleCompilesRunsAndPrintsWhatTheReadmeSays() throws IOException, InterruptedException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher block = JAVA_BLOCK.matcher(readme);
        assertThat(block.find()).as("a ```java block in %s", README.toAbsolutePath()).isTrue();
        String source = block.group(1);
        assertThat(block.find()).as("one ```java block only, so there is no doubt which one is tested").isFalse();
        Matcher printed = Pattern.compile("It prints `([^`]*)`").matcher(readme);
        assertThat(printed.find()).as("the README says what the example prints").isTrue();

        Path file = folder.resolve("Pi.java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        String classPath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", folder.toString(), "-cp", classPath, file.toString());
        assertThat(compiled).as("javac of the README's example").isZero();

        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                folder + File.pathSeparator + classPath, "Pi")
                .redirectError(folder.resolve("stderr").toFile())
                .start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String log = Files.readString(folder.resolve("stderr"));
        assertThat(java.exitValue()).as(log).isZero();
        assertThat(output.lines().toList()).as("what the example printed; its log:%n%s", log)
                .isEqualTo(List.of(printed.group(1)));
    }
}
