package org.dartboard.cli;

import java.util.regex.Pattern;

/** Words of a command the report prints for the user to paste into a POSIX shell. */
final class ShellWords {

    /** Characters that mean nothing to a shell, so a word of only these needs no quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private ShellWords() {
    }

    /** The word as the shell must see it: as is when plain, else in single quotes. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
