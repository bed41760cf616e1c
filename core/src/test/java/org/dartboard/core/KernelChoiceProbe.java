package org.dartboard.core;

/** Prints what {@link Kernels} chooses, for {@link KernelsTest} to run in a JVM started without the vector module. */
final class KernelChoiceProbe {

    private KernelChoiceProbe() {
    }

    public static void main(String[] args) {
        KernelChoice auto = Kernels.auto();
        System.out.println("auto: " + auto.name() + " (" + auto.reason() + ")");
        try {
            System.out.println("vector: " + Kernels.vector().reason());
        } catch (IllegalStateException unavailable) {
            System.out.println("vector: " + unavailable.getMessage());
        }
    }
}
