package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Without sizes, {@code dartboard run} asks for them on standard input, as the original program did:
 * answers can be piped, a wrong answer is asked again with what is allowed, and input that ends before an
 * answer is a usage error rather than a hang.
 */
class PromptTest {

    private static final String POINTS_QUESTION = "points per job";
    private static final String JOBS_QUESTION = "Number of jobs";
    /** A complaint must say what is allowed: a lower bound, a range or an upper bound. */
    private static final Pattern WHAT_IS_ALLOWED = Pattern.compile("at least 1|1 to \\d|at most \\d");

    @Test
    void pipedAnswersGiveThePlan() {
        Invocation run = Invocation.answering("1000\n16\n", "run", "--seed", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        JsonNode plan = run.json().get("plan");
        assertThat(plan.get("pointsPerJob").asLong()).isEqualTo(1000);
        assertThat(plan.get("jobs").asLong()).isEqualTo(16);
        // Questions go to stderr, so piping stdout to a JSON reader still works (json() already proved it).
        assertThat(run.err()).contains(POINTS_QUESTION, JOBS_QUESTION);
    }

    @Test
    void answersMayBeWrittenLikeOptions() {
        Invocation run = Invocation.answering("  1_000 \n2^4\n", "run", "--seed", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.json().at("/plan/pointsPerJob").asLong()).isEqualTo(1000);
        assertThat(run.json().at("/plan/jobs").asLong()).isEqualTo(16);
    }

    @Test
    void invalidAnswersAreAskedAgainSayingWhatIsAllowed() {
        Invocation run = Invocation.answering("abc\n0\n-5\n1000\n16\n", "run", "--seed", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.json().at("/plan/pointsPerJob").asLong()).isEqualTo(1000);
        assertThat(occurrences(run.err(), POINTS_QUESTION)).as(run.transcript()).isEqualTo(4);
        assertThat(occurrences(run.err(), JOBS_QUESTION)).as(run.transcript()).isEqualTo(1);
        for (String refused : List.of("abc", "0", "-5")) {
            assertThat(complaintAbout(run, refused)).containsPattern(WHAT_IS_ALLOWED);
        }
    }

    @ParameterizedTest(name = "{0} points per job: refused, saying at most {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2^63                 | 9223372036854775807
            99999999999999999999 | 9223372036854775807
            """)
    void tooManyPointsPerJobAreAskedAgainWithTheLimit(String points, String limit) {
        Invocation run = Invocation.answering(points + "\n1000\n2\n", "run", "--seed", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(complaintAbout(run, points)).contains("at most " + limit);
        assertThat(run.json().at("/plan/pointsPerJob").asLong()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0} points per job, {1} jobs: refused, saying at most {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1000 | 2^64 | 18446744073709551
            1000 | 1e17 | 18446744073709551
            3    | 2^63 | 6148914691236517205
            """)
    void tooManyJobsForTheStreamAreAskedAgainWithTheLimit(String points, String jobs, String limit) {
        // N·M may not exceed the 2^64 points of the run's stream, so the limit on M depends on N.
        Invocation run = Invocation.answering(points + "\n" + jobs + "\n2\n", "run", "--seed", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(complaintAbout(run, jobs)).contains("at most " + limit);
        assertThat(run.json().at("/plan/jobs").asLong()).isEqualTo(2);
    }

    @ParameterizedTest(name = "input {0}: usage error")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""            | the number of points per job
            "1000\n"      | the number of jobs
            "abc\n"       | the number of points per job
            "1000\n0\n"   | the number of jobs
            """)
    void inputEndingBeforeAnAnswerIsAUsageError(String answers, String missing) {
        Invocation run = Invocation.answering(answers.replace("\\n", "\n"), "run", "--seed", "5");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        // Questions and complaints share stderr with the error; the error itself is one line, the last.
        List<String> errors = run.errLines().stream().filter(line -> line.startsWith("dartboard run:")).toList();
        assertThat(errors).as(run.transcript()).hasSize(1);
        assertThat(run.errLines()).last().isEqualTo(errors.get(0));
        assertThat(errors.get(0)).contains(missing, "--points", "--jobs").doesNotContain("Exception");
    }

    @Test
    void givenPointsOnlyTheJobsAreAsked() {
        Invocation run = Invocation.answering("16\n", "run", "--points", "1000", "--seed", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).contains(JOBS_QUESTION).doesNotContain(POINTS_QUESTION);
        assertThat(run.json().at("/plan/pointsPerJob").asLong()).isEqualTo(1000);
        assertThat(run.json().at("/plan/jobs").asLong()).isEqualTo(16);
    }

    @Test
    void givenJobsOnlyThePointsAreAsked() {
        Invocation run = Invocation.answering("1000\n", "run", "--jobs", "16", "--seed", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).contains(POINTS_QUESTION).doesNotContain(JOBS_QUESTION);
        assertThat(run.json().at("/plan/pointsPerJob").asLong()).isEqualTo(1000);
        assertThat(run.json().at("/plan/jobs").asLong()).isEqualTo(16);
    }

    @Test
    void givenJobsAPointsAnswerTooLargeForThemIsAskedAgain() {
        // 3 jobs of 2^63-1 points exceed the 2^64 points of the stream: the answer must be refused, not run.
        Invocation run = Invocation.answering("9223372036854775807\n5\n",
                "run", "--jobs", "3", "--seed", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(complaintAbout(run, "9223372036854775807")).containsPattern(WHAT_IS_ALLOWED);
        assertThat(run.json().at("/plan/pointsPerJob").asLong()).isEqualTo(5);
    }

    @Test
    void givenATotalNothingIsAsked() {
        Invocation run = Invocation.of("run", "--total-points", "64k", "--seed", "5", "--format", "json");

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).isEmpty();
    }

    /** The complaint line that quotes the refused answer. */
    private static String complaintAbout(Invocation run, String refused) {
        return run.errLines().stream()
                .filter(line -> line.contains("'" + refused + "'") && !line.contains("Number of"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no complaint about '" + refused + "':\n" + run.transcript()));
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
