package org.dartboard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the bash (and zsh, through bashcompinit) completion script of {@code dartboard}, made by picocli
 * from the same command tree as the reference, so it knows every command and option as they are. Run by
 * the build (cli/pom.xml, prepare-package) into target/completion/dartboard.bash, which the archive ships.
 */
final class CompletionScript {

    private CompletionScript() {
    }

    /** The script, for the command named {@code dartboard}. */
    static String bash() {
        return AutoComplete.bash("dartboard", Dartboard.commandTreeForDocs());
    }

    /** @param args the file to write, its folder made if missing */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CompletionScript FILE");
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, bash(), StandardCharsets.UTF_8);
    }
}
