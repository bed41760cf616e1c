package org.dartboard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * Asks for a count on standard input, as the original program did, until the answer is allowed.
 *
 * <p>Questions go to the error stream (like the shell's {@code read -p}), so they never mix with a report
 * or JSON on standard output, and answers can be piped in. When input ends before an answer, asking
 * fails with {@link EndOfAnswers} instead of waiting.
 */
final class SizePrompt {

    private final BufferedReader answers;
    private final PrintWriter questions;
    private final boolean echoAnswers;

    /**
     * @param echoAnswers whether to print each answer after its question: answers piped in are not
     *     shown by a terminal, and a transcript without them is hard to read
     */
    SizePrompt(BufferedReader answers, PrintWriter questions, boolean echoAnswers) {
        this.answers = answers;
        this.questions = questions;
        this.echoAnswers = echoAnswers;
    }

    /**
     * Asks until the answer is a count from 1 to {@code max}.
     *
     * @param question what to print, e.g. {@code Number of points per job: }
     * @param what what is asked for, in words, for the message when input ends
     * @param tooLargeReason why values above max are refused
     */
    long ask(String question, String what, BigInteger max, String tooLargeReason) {
        while (true) {
            questions.print(question);
            questions.flush();
            String line = readLine();
            if (line == null) {
                if (echoAnswers) {
                    questions.println();
                }
                throw new EndOfAnswers(what);
            }
            if (echoAnswers) {
                questions.println(line);
            }
            try {
                BigInteger value = CountParser.parse(line);
                if (value.signum() <= 0) {
                    complain("'" + line.strip() + "' is too small: enter at least 1");
                } else if (value.compareTo(max) > 0) {
                    complain("'" + line.strip() + "' is too large: enter at most " + max + " (" + tooLargeReason + ")");
                } else {
                    return value.longValueExact();
                }
            } catch (IllegalArgumentException notACount) {
                complain(notACount.getMessage() + " (allowed: 1 to " + max + ")");
            }
        }
    }

    private void complain(String message) {
        questions.println("  " + message + "; please try again.");
    }

    private String readLine() {
        try {
            return answers.readLine();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read standard input", unreadable);
        }
    }

    /** Standard input ended before an answer was given. */
    static final class EndOfAnswers extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EndOfAnswers(String what) {
            super("standard input ended before " + what + " was given;"
                    + " give --points and --jobs (or --total-points) to run without questions");
        }
    }
}
