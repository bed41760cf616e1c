package org.dartboard.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The options or commands a mistyped word was probably meant to be. picocli's own suggestions compare pairs
 * of letters, which a swap of two letters breaks ({@code --pionts}, {@code rnu}); these count the edits that
 * turn one word into the other (a letter added, dropped, changed, or two swapped), so such typos are found.
 */
final class Suggestions {

    /** Suggestions shown: the nearest few, not every name that is somewhat alike. */
    static final int MOST = 3;
    /** A word shorter than this gets no suggestion of ours. */
    private static final int FEWEST_LETTERS = 3;

    private Suggestions() {
    }

    /** The nearest names to the first word that was neither an option nor a command; picocli's when none. */
    static List<String> of(UnmatchedArgumentException unmatched) {
        CommandSpec spec = unmatched.getCommandLine().getCommandSpec();
        List<String> near = List.of();
        for (String word : unmatched.getUnmatched()) {
            if (word.startsWith("-")) {
                near = nearest(word.replaceFirst("=.*", ""), spec.optionsMap().keySet());
            } else if (!spec.subcommands().isEmpty()) {
                near = nearest(word, spec.subcommands().keySet());
            }
            if (!near.isEmpty()) {
                return near;
            }
        }
        return unmatched.getSuggestions().stream().distinct().limit(MOST).toList();
    }

    /** The names a few edits away from {@code word}, nearest first: 1 edit for a word of 3 letters, else 2. */
    static List<String> nearest(String word, Collection<String> names) {
        String typed = word.toLowerCase(Locale.ROOT);
        int letters = typed.replaceFirst("^-+", "").length();
        if (letters < FEWEST_LETTERS) {
            // One or two letters (-x) are an edit away from most short options: a list of them says nothing.
            return List.of();
        }
        int most = letters == FEWEST_LETTERS ? 1 : 2;
        List<String> near = new ArrayList<>();
        for (String name : names) {
            if (!name.equals(word) && edits(typed, name.toLowerCase(Locale.ROOT)) <= most) {
                near.add(name);
            }
        }
        near.sort(Comparator.comparingInt((String name) -> edits(typed, name.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
        return near.stream().limit(MOST).toList();
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
