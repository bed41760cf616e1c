package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A plan of lattice darts splits its points evenly into replicas, each replica's points into jobs, and
 * interleaves the replicas' jobs; the count depends on the seed, the total and the replicas only.
 */
class LatticePlanTest {

    @ParameterizedTest(name = "{0} points in {1} replicas, jobs of {2}")
    @CsvSource({"160000, 16, 10000", "160000, 16, 3001", "1000, 2, 1000", "1000, 4, 1", "4096, 1024, 7"})
    void everyPointOfEveryReplicaIsInExactlyOneJob(long total, int replicas, long pointsPerJob) {
        JobPlan plan = new JobPlan(5, BigInteger.valueOf(total), pointsPerJob).lattice(replicas);
        long perReplica = total / replicas;

        assertThat(plan.darts()).isEqualTo(JobPlan.Darts.LATTICE);
        assertThat(plan.replicas()).isEqualTo(replicas);
        assertThat(plan.pointsPerJob()).isEqualTo(Math.min(pointsPerJob, perReplica));
        Set<Long> indices = new HashSet<>();
        long[] pointsOfReplica = new long[replicas];
        for (long id = 0; id < plan.jobs(); id++) {
            JobSpec job = plan.job(id);
            assertThat(job.replica()).isEqualTo(id % replicas).isEqualTo(plan.replicaOf(id));
            assertThat(job.darts()).isEqualTo(JobPlan.Darts.LATTICE);
            assertThat(job.firstPoint() + job.points()).isLessThanOrEqualTo(perReplica);
            pointsOfReplica[job.replica()] += job.points();
            long first = plan.firstIndex(id);
            assertThat(first).isEqualTo(job.replica() * perReplica + job.firstPoint());
            for (long index = first; index < first + job.points(); index += Math.max(1, job.points() / 3)) {
                assertThat(plan.jobOf(index)).as("the job of point %d", index).isEqualTo(id);
                assertThat(indices.add(index)).isTrue();
            }
        }
        assertThat(pointsOfReplica).containsOnly(perReplica);
    }

    @Test
    void aReplicasPointsDoNotDependOnTheSplitIntoJobs() {
        long total = 48_000;
        long[] wholeReplicas = insidePerReplica(new JobPlan(3, BigInteger.valueOf(total), total).lattice(16));
        for (long pointsPerJob : new long[] {1, 7, 1000, 2999, 3000}) {
            assertThat(insidePerReplica(new JobPlan(3, BigInteger.valueOf(total), pointsPerJob).lattice(16)))
                    .as("jobs of %d points", pointsPerJob).containsExactly(wholeReplicas);
        }
    }

    @Test
    void theDartsOfAPlanAreItsReplicasPoints() {
        JobPlan plan = JobPlan.of(1000, 16, 77).lattice(4);
        long replicaPoints = 4000;
        for (long index : new long[] {0, 1, 3999, 4000, 12_345, 15_999}) {
            long word = Lattice.word(Lattice.shift(77, (int) (index / replicaPoints)), index % replicaPoints);
            assertThat(plan.dart(index)).isEqualTo(Dart.of(word));
        }
    }

    @Test
    void impossibleLatticePlansAreRefusedSayingWhy() {
        JobPlan plan = JobPlan.of(1000, 10, 1);
        assertThatIllegalArgumentException().isThrownBy(() -> plan.lattice(1)).withMessageContaining("from 2 to 1024");
        assertThatIllegalArgumentException().isThrownBy(() -> plan.lattice(1025)).withMessageContaining("1024");
        assertThatIllegalArgumentException().isThrownBy(() -> plan.lattice(3))
                .withMessageContaining("10000 is not a multiple of 3");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JobPlan.splitting(BigInteger.ONE.shiftLeft(40), 1).lattice(16))
                .withMessageContaining("at most 2^32 points").withMessageContaining("at least 256 replicas");
    }

    @Test
    void latticePlansAreValuesThatDifferFromRandomOnes() {
        JobPlan random = JobPlan.of(1000, 16, 1);

        assertThat(random.lattice(16)).isEqualTo(JobPlan.of(1000, 16, 1).lattice(16))
                .hasSameHashCodeAs(JobPlan.of(1000, 16, 1).lattice(16))
                .isNotEqualTo(random).isNotEqualTo(random.lattice(8));
        assertThat(random.darts()).isEqualTo(JobPlan.Darts.RANDOM);
        assertThat(random.replicas()).isEqualTo(1);
        assertThat(random.replicaOf(7)).isZero();
        assertThat(random.lattice(16).toString()).contains("lattice darts, replicas=16");
    }

    private static long[] insidePerReplica(JobPlan plan) {
        long[] inside = new long[plan.replicas()];
        for (long id = 0; id < plan.jobs(); id++) {
            JobSpec job = plan.job(id);
            inside[job.replica()] += Kernel.scalar().countInside(job);
        }
        return inside;
    }
}
