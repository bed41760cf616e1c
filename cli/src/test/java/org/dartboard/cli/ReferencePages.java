package org.dartboard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The option reference, docs/reference/*.adoc: one AsciiDoc man page per command, made by picocli's man
 * page generator from {@link Dartboard#commandTreeForDocs()}. Also a main, so that a test can make it in
 * another JVM (other cores, another environment) and compare.
 */
final class ReferencePages {

    /** The committed reference, from the cli module's folder (where Maven runs the tests). */
    static final Path COMMITTED = Path.of("..", "docs", "reference");

    private static final String DESCRIPTION_START = "== Description\n\n";
    private static final String DESCRIPTION_END = "// end::picocli-generated-man-section-description[]";

    private ReferencePages() {
    }

    /** Writes the pages into {@code folder} and returns them by file name. */
    static Map<String, String> generate(Path folder) throws IOException {
        Files.createDirectories(folder);
        int exit = ManPageGenerator.generateManPage(folder.toFile(), null, new boolean[0], false,
                Dartboard.commandTreeForDocs().getCommandSpec());
        if (exit != 0) {
            throw new IllegalStateException("picocli's man page generator exited with " + exit);
        }
        Map<String, String> pages = read(folder);
        pages.replaceAll((name, page) -> keepDescriptionLines(page));
        replace(folder, pages);
        return pages;
    }

    /**
     * The page with each line of the Description section on a line of its own, as --help prints it: picocli
     * writes the lines of a command's description one under the other, which AsciiDoc joins into one
     * paragraph unless it is marked {@code [%hardbreaks]} (as picocli marks the footer).
     */
    static String keepDescriptionLines(String page) {
        int start = page.indexOf(DESCRIPTION_START);
        int end = page.indexOf(DESCRIPTION_END);
        if (start < 0 || end < start) {
            return page;
        }
        start += DESCRIPTION_START.length();
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : page.substring(start, end).split("\n\n", -1)) {
            String text = paragraph.stripLeading();
            String before = paragraph.substring(0, paragraph.length() - text.length());
            paragraphs.add(text.strip().contains("\n") ? before + "[%hardbreaks]\n" + text : paragraph);
        }
        return page.substring(0, start) + String.join("\n\n", paragraphs) + page.substring(end);
    }

    /** The *.adoc files of {@code folder}, by file name; none if the folder is missing. */
    static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> pages = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return pages;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".adoc"))::iterator) {
                pages.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return pages;
    }

    /** Makes {@code folder} hold exactly these pages: writes each, deletes any other *.adoc. */
    static void replace(Path folder, Map<String, String> pages) throws IOException {
        Files.createDirectories(folder);
        for (String stale : read(folder).keySet()) {
            if (!pages.containsKey(stale)) {
                Files.delete(folder.resolve(stale));
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Files.writeString(folder.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** @param args the folder to write the pages into */
    public static void main(String[] args) throws IOException {
        generate(Path.of(args[0]));
    }
}
