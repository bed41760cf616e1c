package org.dartboard.cli;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * What a standard stream shows its reader: how wide its terminal is (0 when it is no terminal, or its width
 * is unknown) and whether it can show dartboard's symbols, or needs them spelled in ASCII.
 *
 * <p>Java cannot ask a terminal its size, so the {@code dartboard} launcher does ({@code stty size}) and
 * passes it in {@value #STDOUT_COLUMNS} and {@value #STDERR_COLUMNS}, each set only when that stream is a
 * terminal: text for a file or a pipe is never wrapped. The width is the one at the start; a terminal
 * resized in mid-run keeps the start's width, as the JVM hears of no resize and cannot ask again.
 *
 * @param columns the terminal's width, or 0
 * @param ascii whether the symbols are spelled in ASCII
 */
record Screen(int columns, boolean ascii) {

    static final String STDOUT_COLUMNS = "DARTBOARD_STDOUT_COLUMNS";
    static final String STDERR_COLUMNS = "DARTBOARD_STDERR_COLUMNS";
    /** The width a progress bar assumes for a terminal of unknown width (java -jar, without the launcher). */
    static final int USUAL_COLUMNS = 80;
    /** Narrower than this, a terminal gets no wrapping: no line would fit anyway. */
    private static final int FEWEST_COLUMNS = 20;

    /** Where every text goes unchanged: a file or a pipe, in a charset that has the symbols; for tests. */
    static final Screen PLAIN = new Screen(0, false);

    /** Standard output of this process, with the environment that the launcher set. */
    static Screen standardOutput(Map<String, String> environment) {
        return new Screen(columns(environment.get(STDOUT_COLUMNS)),
                !AsciiSpelling.canShowSymbols(charsetOf("stdout.encoding")));
    }

    /** Standard error of this process, with the environment that the launcher set. */
    static Screen standardError(Map<String, String> environment) {
        return new Screen(columns(environment.get(STDERR_COLUMNS)),
                !AsciiSpelling.canShowSymbols(charsetOf("stderr.encoding")));
    }

    /**
     * The charset that a standard stream is written in: the one Java 19 and later name for it, else (Java
     * 17 and 18) the platform's default, which the locale gives: ASCII without one (C or POSIX).
     */
    static Charset charsetOf(String property) {
        String named = System.getProperty(property);
        if (named != null) {
            try {
                return Charset.forName(named);
            } catch (IllegalArgumentException unknown) {
                // A charset this JVM does not know: its default is the next best guess.
            }
        }
        return Charset.defaultCharset();
    }

    /** The width a line redrawn in place may take: one column short of the edge, where terminals wrap. */
    int redrawColumns(Map<String, String> environment) {
        int known = columns > 0 ? columns : columns(environment.get("COLUMNS"));
        return (known > 0 ? known : USUAL_COLUMNS) - 1;
    }

    /** The text as this screen shows it: its symbols spelled in ASCII when needed. */
    String shown(String text) {
        return ascii ? AsciiSpelling.spell(text) : text;
    }

    /**
     * The line as shown, broken at spaces into lines that fit the terminal, the later ones indented by
     * {@code indent}; unchanged where the width is unknown. A word longer than a line stays whole.
     */
    String wrapped(String line, String indent) {
        String text = shown(line);
        if (columns == 0 || text.length() <= columns) {
            return text;
        }
        int lead = 0;
        while (lead < text.length() && text.charAt(lead) == ' ') {
            lead++;
        }
        StringBuilder wrapped = new StringBuilder(text.length() + 16).append(text, 0, lead);
        int width = lead;
        boolean first = true;
        for (String word : text.substring(lead).split(" ", -1)) {
            if (!first && width + 1 + word.length() > columns) {
                wrapped.append(System.lineSeparator()).append(indent);
                width = indent.length();
            } else if (!first) {
                wrapped.append(' ');
                width++;
            }
            wrapped.append(word);
            width += word.length();
            first = false;
        }
        return wrapped.toString();
    }

    private static int columns(String value) {
        if (value == null) {
            return 0;
        }
        try {
            int columns = Integer.parseInt(value.strip());
            return columns >= FEWEST_COLUMNS ? columns : 0;
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
