package com.platform.billing.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulation in the test run: a few episodes through every operation with faults injected, 0 violations; and a
 * seed replays exactly. The separate command (infra/scripts/simulate.sh) runs any number of steps. Each episode makes
 * its own table on the harness's backend; the class's own table is only how it gets that backend.
 * {@code -Dsimulation.testSteps=N} changes the number of steps. The default, 600 (two full episodes, each crossing a
 * month end), costs about 2 minutes on a quiet 2-core machine (about 0.2 s and 13 DynamoDB requests per step on moto):
 * what the 10-minute budget of the whole test run leaves. The 10,000-step runs are the separate command's.
 */
@WithLedgerTable
class SimulationIT {

    private static final int STEPS = Integer.getInteger("simulation.testSteps", 600);

    @Test
    void simulation_acrossSeeds_breaksNoInvariant(LedgerTable table) {
        List<String> lines = new ArrayList<>();
        Simulation.Totals totals = Simulation.run(table.backend(), 7_001, STEPS, lines::add);

        assertEquals(List.of(), totals.details(), String.join("\n", lines));
        assertEquals(STEPS, totals.steps(), String.join("\n", lines));
        assertTrue(totals.faults() > 0, "faults were injected: " + lines);
        assertTrue(totals.operations().keySet().containsAll(List.of("credit_adjustment", "topup", "notification",
                "voucher_create", "voucher_redeem", "usage", "invoice_payment")), "every operation ran: "
                + totals.operations());
    }

    @Test
    void episode_replayedWithItsSeed_takesTheSameStepsAndAnswers(LedgerTable table) {
        String first = Simulation.trace(table.backend(), 424_242, 30);
        String second = Simulation.trace(table.backend(), 424_242, 30);

        assertEquals(first, second);
        assertTrue(first.contains("30:"), "the trace covers every step: " + first);
    }
}
