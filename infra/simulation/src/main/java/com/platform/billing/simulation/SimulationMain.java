package com.platform.billing.simulation;

import com.platform.billing.devkit.AwsBackend;
import java.nio.file.Path;

/**
 * {@code infra/scripts/simulate.sh --steps 10000 [--seed S]}: prints one line per episode and a total,
 * {@code simulation seed=<s> steps=<n> faults=<n> violations=<n>}, a VIOLATION line (seed, step, invariant, replay
 * command) for each broken invariant, and exits 1 if there was any.
 */
public final class SimulationMain {

    private SimulationMain() {
    }

    public static void main(String[] args) {
        int steps = 10_000;
        long seed = System.currentTimeMillis() % 1_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("usage: simulate.sh [--steps N] [--seed S]");
                    System.exit(2);
                }
            }
        }
        long started = System.nanoTime();
        Simulation.Totals totals;
        try (AwsBackend backend = AwsBackend.start(Path.of(System.getProperty("java.io.tmpdir"),
                "billing-simulation-moto.log"))) {
            totals = Simulation.run(backend, seed, steps, System.out::println);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.println("operations " + totals.operations());
        System.out.println("simulation seed=" + totals.seed() + " steps=" + totals.steps() + " faults="
                + totals.faults() + " violations=" + totals.violations() + " episodes=" + totals.episodes()
                + " seconds=" + seconds);
        System.exit(totals.violations() == 0 ? 0 : 1);
    }
}
