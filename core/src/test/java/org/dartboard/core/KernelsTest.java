package org.dartboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernel chosen for a JVM: the vector kernel where the module is there and it is faster, the scalar
 * kernel with the reason otherwise, decided once per JVM.
 */
class KernelsTest {

    @Test
    void autoDecidesOncePerJvmAndSaysWhy() {
        KernelChoice choice = Kernels.auto();

        assertThat(Kernels.auto()).isSameAs(choice);
        assertThat(choice.name()).isIn("scalar", "vector");
        assertThat(choice.reason()).contains("JDK " + System.getProperty("java.version"));
        if (choice.name().equals("vector")) {
            assertThat(choice.reason()).contains("lanes, calibrated in ").contains("G points/s");
        } else {
            assertThat(choice.reason()).contains("not 1.25× as fast");
        }
    }

    @Test
    void theChosenKernelCountsLikeTheScalarKernel() {
        assertThat(Kernels.auto().kernel().countInside(99, -12_345, 1_000_003))
                .isEqualTo(new ScalarKernel().countInside(99, -12_345, 1_000_003));
    }

    @Test
    void smallRunsTakeTheScalarKernelWithoutCalibrating() {
        KernelChoice choice = Kernels.auto(Kernels.AUTO_MIN_POINTS_PER_THREAD - 1);

        assertThat(choice.name()).isEqualTo("scalar");
        assertThat(choice.reason()).startsWith("a small run: 536,870,911 points per thread");
    }

    @Test
    void largeRunsTakeTheAutomaticChoice() {
        assertThat(Kernels.auto(Kernels.AUTO_MIN_POINTS_PER_THREAD)).isSameAs(Kernels.auto());
    }

    @Test
    void requestedKernelsSaySo() {
        assertThat(Kernels.scalar().name()).isEqualTo("scalar");
        assertThat(Kernels.scalar().reason()).isEqualTo("requested");

        KernelChoice vector = Kernels.vector();
        assertThat(vector.name()).isEqualTo("vector");
        assertThat(vector.reason()).startsWith("requested; JDK ").contains("vs scalar").endsWith("G points/s");
    }

    /**
     * A JVM started without {@code --add-modules jdk.incubator.vector} (such as {@code java -jar} without the
     * launcher) gets the scalar kernel and the reason, not a NoClassDefFoundError; asking for the vector
     * kernel there fails with the same reason.
     */
    @Test
    void withoutTheModuleTheScalarKernelRunsAndTheReasonSaysWhy() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KernelChoiceProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo("auto: scalar (JDK " + System.getProperty("java.version")
                + " was started without --add-modules jdk.incubator.vector)\n"
                + "vector: JDK " + System.getProperty("java.version")
                + " was started without --add-modules jdk.incubator.vector\n");
    }
}
