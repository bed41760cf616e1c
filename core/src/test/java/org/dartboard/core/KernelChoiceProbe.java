package org.dartboard.core;

/** Prints what {@link Kernel} chooses, for {@link KernelTest} to run in a JVM started without the vector module. */
final class KernelChoiceProbe {

    private KernelChoiceProbe() {
    }

    public static void main(String[] args) {
        Kernel auto = Kernel.auto();
        System.out.println("auto: " + auto.name() + " (" + auto.reason() + ")");
        try {
            System.out.println("vector: " + Kernel.vector().reason());
        } catch (IllegalStateException unavailable) {
            System.out.println("vector: " + unavailable.getMessage());
        }
    }
}
