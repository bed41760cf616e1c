package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A plan's jobs tile its total exactly, whatever the total, up to every index of the stream once. */
class JobPlanTest {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    private static final long SEED = 12345;

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    /**
     * Checks what holds for every plan, visiting at most a few thousand jobs at each end: ids from 0,
     * contiguous ranges, N points each but the last, and the last ending at the total modulo 2^64.
     */
    private static void assertTilesItsTotal(JobPlan plan) {
        long jobs = plan.jobs();
        long n = plan.pointsPerJob();
        BigInteger expectedJobs = plan.totalPoints().add(big(n - 1)).divide(big(n));
        assertThat(big(jobs)).isEqualTo(expectedJobs);
        long checked = Math.min(jobs, 2000);
        for (long id = 0; id < checked; id++) {
            assertJob(plan, id);
        }
        for (long id = Math.max(checked, jobs - 2000); id < jobs; id++) {
            assertJob(plan, id);
        }
        JobSpec last = plan.job(jobs - 1);
        BigInteger end = unsigned(last.firstPoint()).add(big(last.points()));
        assertThat(end).isEqualTo(plan.totalPoints());
        assertThat(plan.isUniform()).isEqualTo(last.points() == n);
    }

    private static void assertJob(JobPlan plan, long id) {
        JobSpec job = plan.job(id);
        assertThat(job.id()).isEqualTo(id);
        assertThat(job.seed()).isEqualTo(plan.seed());
        assertThat(unsigned(job.firstPoint())).isEqualTo(big(id).multiply(big(plan.pointsPerJob())));
        if (id < plan.jobs() - 1) {
            assertThat(job.points()).isEqualTo(plan.pointsPerJob());
        } else {
            assertThat(job.points()).isBetween(1L, plan.pointsPerJob());
        }
    }

    static Stream<Arguments> uniformPlans() {
        return Stream.of(
                Arguments.of(1L, 1L),
                Arguments.of(1000L, 7L),
                Arguments.of(1L, 1000L),
                Arguments.of(10_000_000L, 1000L),
                Arguments.of(1L << 40, 1L << 24),
                Arguments.of(Long.MAX_VALUE, 2L));
    }

    @ParameterizedTest(name = "{1} jobs of {0} points")
    @MethodSource("uniformPlans")
    void ofMakesMJobsOfNPoints(long n, long m) {
        JobPlan plan = JobPlan.of(n, m, SEED);
        assertThat(plan.seed()).isEqualTo(SEED);
        assertThat(plan.pointsPerJob()).isEqualTo(n);
        assertThat(plan.jobs()).isEqualTo(m);
        assertThat(plan.totalPoints()).isEqualTo(big(n).multiply(big(m)));
        assertThat(plan.isUniform()).isTrue();
        assertTilesItsTotal(plan);
    }

    @Test
    void jobIdsOutsideThePlanAreRejected() {
        JobPlan plan = JobPlan.of(1000, 7, SEED);
        assertThatIllegalArgumentException().isThrownBy(() -> plan.job(-1)).withMessageContaining("-1");
        assertThatIllegalArgumentException().isThrownBy(() -> plan.job(7)).withMessageContaining("7");
    }

    @Test
    void lastJobIsShorterWhenTheTotalIsNotAMultipleOfN() {
        JobPlan plan = new JobPlan(SEED, big(10), 3);
        assertThat(plan.jobs()).isEqualTo(4);
        assertThat(plan.isUniform()).isFalse();
        assertThat(plan.job(3)).isEqualTo(new JobSpec(3, SEED, 9, 1));
        assertTilesItsTotal(plan);
    }

    @Test
    void aJobLargerThanTheTotalMakesOneShortJob() {
        JobPlan plan = new JobPlan(SEED, big(10), 1000);
        assertThat(plan.jobs()).isEqualTo(1);
        assertThat(plan.job(0)).isEqualTo(new JobSpec(0, SEED, 0, 10));
    }

    /** The whole stream: 2^24 jobs of 2^40 points, the last starting at 2^64 − 2^40. */
    @Test
    void wholeStreamInUniformJobs() {
        JobPlan plan = JobPlan.of(1L << 40, 1L << 24, SEED);
        assertThat(plan.totalPoints()).isEqualTo(TWO_TO_64);
        JobSpec last = plan.job((1L << 24) - 1);
        assertThat(last.firstPoint()).isEqualTo(-(1L << 40));
        assertThat(last.firstPoint() + last.points()).as("ends at 2^64, which is 0 modulo 2^64").isZero();
    }

    static Stream<BigInteger> totals() {
        return Stream.of(big(1), big(2), big(63), big(64), big(128), big(4032), big(4095), big(4096),
                big(1_000_000), big(6_400_000_000L), big(6_400_000_001L), big(6_400_000_063L),
                big(1_000_000_000_000L), big(Long.MAX_VALUE), BigInteger.ONE.shiftLeft(63),
                TWO_TO_64.subtract(BigInteger.ONE), TWO_TO_64);
    }

    @ParameterizedTest(name = "total {0}")
    @MethodSource("totals")
    void splittingFollowsItsRules(BigInteger total) {
        JobPlan plan = JobPlan.splitting(total, SEED);
        assertThat(plan.totalPoints()).isEqualTo(total);
        assertThat(plan.pointsPerJob()).isBetween(1L, JobPlan.SPLIT_MAX_JOB_POINTS);
        if (total.compareTo(big(JobPlan.SPLIT_MIN_JOBS)) >= 0) {
            assertThat(plan.jobs()).isGreaterThanOrEqualTo(JobPlan.SPLIT_MIN_JOBS);
        } else {
            assertThat(plan.jobs()).as("one point per job").isEqualTo(total.longValueExact());
        }
        assertTilesItsTotal(plan);
    }

    /**
     * Totals below 4032 that are not a multiple of 64: rounding N = ⌈total/64⌉ up leaves fewer than 64
     * jobs (1000 points give N = 16 and 63 jobs). Enable once {@code splitting} rounds N down.
     */
    @ParameterizedTest(name = "total {0}")
    @ValueSource(longs = {65, 100, 127, 1000, 3969})
    void splittingGivesAtLeast64JobsForSmallTotals(long total) {
        assertThat(JobPlan.splitting(big(total), SEED).jobs()).isGreaterThanOrEqualTo(JobPlan.SPLIT_MIN_JOBS);
    }

    @Test
    void splittingTheLargestTotalEndsExactlyAtTheEndOfTheStream() {
        JobPlan plan = JobPlan.splitting(TWO_TO_64, SEED);
        assertThat(plan.pointsPerJob()).isEqualTo(JobPlan.SPLIT_MAX_JOB_POINTS);
        // 2^64 = 184,467,440,737 × 10^8 + 9,551,616.
        assertThat(plan.jobs()).isEqualTo(184_467_440_738L);
        assertThat(plan.isUniform()).isFalse();
        JobSpec last = plan.job(plan.jobs() - 1);
        assertThat(last.points()).isEqualTo(9_551_616L);
        assertThat(last.firstPoint()).as("2^64 − 9,551,616 as a signed long").isEqualTo(-9_551_616L);
        assertThat(last.firstPoint() + last.points()).isZero();
    }

    @Test
    void splittingDependsOnTheTotalOnly() {
        BigInteger total = big(123_456_789_012L);
        assertThat(JobPlan.splitting(total, SEED)).isEqualTo(JobPlan.splitting(total, SEED));
        assertThat(JobPlan.splitting(total, SEED).pointsPerJob()).isEqualTo(JobPlan.splitting(total, 99).pointsPerJob());
    }

    static Stream<Arguments> badPlans() {
        return Stream.of(
                Arguments.of(big(0), 1L, "0"),
                Arguments.of(big(-1), 1L, "-1"),
                Arguments.of(TWO_TO_64.add(BigInteger.ONE), 1L, TWO_TO_64.add(BigInteger.ONE).toString()),
                Arguments.of(big(10), 0L, "0"),
                Arguments.of(big(10), -1L, "-1"),
                // 2^64 or 2^63 jobs do not fit a long.
                Arguments.of(TWO_TO_64, 1L, "jobs"),
                Arguments.of(TWO_TO_64, 2L, "jobs"));
    }

    @ParameterizedTest(name = "total {0}, N = {1}")
    @MethodSource("badPlans")
    void rejectsImpossiblePlansNamingTheValue(BigInteger total, long n, String named) {
        assertThatIllegalArgumentException().isThrownBy(() -> new JobPlan(SEED, total, n)).withMessageContaining(named);
    }

    @Test
    void theLargestNumberOfJobsIsAccepted() {
        JobPlan plan = new JobPlan(SEED, TWO_TO_64, 3);
        assertThat(plan.jobs()).isEqualTo(6_148_914_691_236_517_206L);
        assertThat(plan.job(plan.jobs() - 1).points()).isEqualTo(1);
    }

    static Stream<Arguments> badUniformPlans() {
        return Stream.of(
                Arguments.of(0L, 1L),
                Arguments.of(1L, 0L),
                Arguments.of(-1L, 1L),
                Arguments.of(1L, -1L),
                Arguments.of(-1L, -1L),
                Arguments.of(1L << 62, 5L),
                Arguments.of(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{1} jobs of {0} points")
    @MethodSource("badUniformPlans")
    void ofRejectsImpossiblePlans(long n, long m) {
        assertThatIllegalArgumentException().isThrownBy(() -> JobPlan.of(n, m, SEED));
    }

    static Stream<BigInteger> badTotals() {
        return Stream.of(big(0), big(-1), big(Long.MIN_VALUE), TWO_TO_64.add(BigInteger.ONE), TWO_TO_64.shiftLeft(1));
    }

    @ParameterizedTest(name = "total {0}")
    @MethodSource("badTotals")
    void splittingRejectsImpossibleTotals(BigInteger total) {
        assertThatIllegalArgumentException().isThrownBy(() -> JobPlan.splitting(total, SEED));
    }

    @Test
    void plansAreValues() {
        JobPlan plan = JobPlan.of(10, 10, SEED);
        JobPlan same = new JobPlan(SEED, big(100), 10);
        assertThat(plan).isEqualTo(same).hasSameHashCodeAs(same).hasToString(same.toString());
        assertThat(plan).isNotEqualTo(JobPlan.of(10, 10, SEED + 1));
        assertThat(plan).isNotEqualTo(JobPlan.of(10, 11, SEED));
        assertThat(plan).isNotEqualTo(JobPlan.of(20, 5, SEED));
        assertThat(plan).isNotEqualTo(null);
        assertThat(JobPlan.splitting(big(1_000_000), SEED)).isEqualTo(new JobPlan(SEED, big(1_000_000), 15_625));
    }

    @Test
    void aDartIsItsPointOfTheStreamOnTheUnitSquare() {
        JobPlan plan = JobPlan.of(1000, 10, 99);
        for (long index : new long[] {0, 1, 4_567, 9_999}) {
            long word = PointStream.word(99, index);
            Dart dart = plan.dart(index);

            assertThat(dart.x()).isEqualTo((word & 0xFFFF_FFFFL) / 0x1p32);
            assertThat(dart.y()).isEqualTo((word >>> 32) / 0x1p32);
            assertThat(dart.inside()).isEqualTo(QuarterCircle.contains(word));
            assertThat(dart.x()).isGreaterThanOrEqualTo(0).isLessThan(1);
            assertThat(dart.y()).isGreaterThanOrEqualTo(0).isLessThan(1);
        }
    }
}
