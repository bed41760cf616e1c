package org.dartboard.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Map;

/**
 * The ASCII spelling of the symbols dartboard prints ({@code π ≈ 3.14166 ± 0.00041} becomes
 * {@code pi ~ 3.14166 +/- 0.00041}), for output whose charset cannot show them: without a UTF-8 locale
 * (under {@code env -i}, cron, minimal images) Java 17 writes standard output in ASCII, and each symbol
 * would be a question mark.
 */
final class AsciiSpelling {

    /** Every symbol the reports, the progress bar, the help and the errors use, and how ASCII says it. */
    private static final Map<Character, String> SPELLINGS = Map.ofEntries(
            Map.entry('π', "pi"), Map.entry('≈', "~"), Map.entry('±', "+/-"), Map.entry('×', "x"),
            Map.entry('…', "..."), Map.entry('²', "^2"), Map.entry('³', "^3"), Map.entry('−', "-"),
            Map.entry('–', "-"), Map.entry('≤', "<="), Map.entry('≥', ">="), Map.entry('→', "->"),
            Map.entry('√', "sqrt"), Map.entry('µ', "u"));
    /** The symbols whose absence makes the output ASCII; the rest of the table follows them. */
    private static final String TELLING_SYMBOLS = "π≈±×…·";

    private AsciiSpelling() {
    }

    /** Whether text in this charset shows dartboard's symbols as they are. */
    static boolean canShowSymbols(Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        return encoder.canEncode(TELLING_SYMBOLS);
    }

    /** The text with each symbol spelled in ASCII. */
    static String spell(CharSequence text) {
        return spell(text, ' ');
    }

    /** The text with each symbol spelled in ASCII, {@code before} being the character written before it. */
    private static String spell(CharSequence text, char before) {
        StringBuilder spelled = new StringBuilder(text.length() + 16);
        char previous = before;
        for (int i = 0; i < text.length(); i++) {
            char next = text.charAt(i);
            spelled.append(spelling(previous, next));
            previous = next;
        }
        return spelled.toString();
    }

    /**
     * A writer that spells the symbols of what passes through it in ASCII; characters it has no spelling
     * for reach the charset's encoder as they are.
     */
    static Writer writer(Writer out) {
        return new FilterWriter(out) {
            private char previous = ' ';

            @Override
            public void write(int c) throws IOException {
                out.write(spelling(previous, (char) c));
                previous = (char) c;
            }

            @Override
            public void write(char[] text, int offset, int length) throws IOException {
                write(new String(text, offset, length), 0, length);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                if (length == 0) {
                    return;
                }
                // A middle dot's spelling depends on the character before it, which the last call may have had.
                out.write(spell(text.subSequence(offset, offset + length), previous));
                previous = text.charAt(offset + length - 1);
            }
        };
    }

    /**
     * The spelling of {@code symbol} after {@code previous}. A middle dot between words separates fields
     * ({@code 612.3 M points/s · 0:12}) and becomes a dash; between a number and a letter it multiplies
     * ({@code 4·inside/total}) and becomes a star.
     */
    private static String spelling(char previous, char symbol) {
        if (symbol == '·') {
            return previous == ' ' ? "-" : "*";
        }
        String spelled = SPELLINGS.get(symbol);
        return spelled != null ? spelled : String.valueOf(symbol);
    }
}
