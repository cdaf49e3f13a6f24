package com.platform.billing.functions.vouchers;

import static com.platform.billing.functions.vouchers.VoucherKit.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.voucher.RedemptionPlan;
import com.platform.billing.domain.voucher.VoucherCode;
import com.platform.billing.domain.voucher.VoucherRateLimitedException;
import com.platform.billing.domain.voucher.VoucherRedemptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Failed attempts: 10 per org and per caller in each 15-minute window (windows start at :00, :15, :30, :45). The
 * clock starts at 04:00:00, the start of a window, and only moves when a test moves it.
 */
@WithLedgerTable
class VoucherRateLimitIT {

    private static final Instant WINDOW_START = Instant.parse("2026-11-27T04:00:00Z");
    private static final Instant WINDOW_END = WINDOW_START.plus(Duration.ofMinutes(15));
    private static final SecureRandom RANDOM = new SecureRandom();
    private final VoucherKit kit;

    VoucherRateLimitIT(LedgerTable table) {
        this.kit = new VoucherKit(table, WINDOW_START);
    }

    private static String wrongCode() {
        return VoucherCode.random(RANDOM).display();
    }

    @Test
    void twentyWrongCodes_then429_andACorrectCodeIsRefusedUntilTheWindowPasses() {
        kit.openAccount("org-guess");
        kit.createVoucher("REAL-CODE-GUESS", 50_000, 10, 1);

        for (int attempt = 1; attempt <= 20; attempt++) {
            APIGatewayV2HTTPResponse response = kit.redeem("org-guess", "user-guess", wrongCode());
            if (attempt <= 10) {
                assertProblem(response, 422, "voucher-invalid");
            } else {
                assertProblem(response, 429, "voucher-rate-limited");
                assertEquals("900", response.getHeaders().get("retry-after"));
            }
        }

        APIGatewayV2HTTPResponse correct = kit.redeem("org-guess", "user-guess", "REAL-CODE-GUESS");
        assertProblem(correct, 429, "voucher-rate-limited");
        assertEquals("900", correct.getHeaders().get("retry-after"));

        kit.clock.set(WINDOW_END.minusSeconds(1));
        APIGatewayV2HTTPResponse stillLocked = kit.redeem("org-guess", "user-guess", "REAL-CODE-GUESS");
        assertProblem(stillLocked, 429, "voucher-rate-limited");
        assertEquals("1", stillLocked.getHeaders().get("retry-after"));
        assertEquals(0, kit.balance("org-guess"));

        kit.clock.set(WINDOW_END);
        APIGatewayV2HTTPResponse afterWindow = kit.redeem("org-guess", "user-guess", "REAL-CODE-GUESS");
        assertEquals(201, afterWindow.getStatusCode(), afterWindow.getBody());
        assertEquals(50_000, kit.balance("org-guess"));
    }

    @Test
    void lockedOut_attemptsWriteNothingAndLookAlikeWhetherTheCodeIsRightOrWrong() {
        kit.openAccount("org-quiet");
        kit.createVoucher("REAL-CODE-QUIET", 50_000, 10, 1);
        for (int attempt = 1; attempt <= 10; attempt++) {
            kit.redeem("org-quiet", "user-quiet", wrongCode());
        }
        TableSnapshot before = TableSnapshot.of(kit.table);
        kit.table.counter().reset();

        APIGatewayV2HTTPResponse wrong = kit.redeem("org-quiet", "user-quiet", wrongCode());
        APIGatewayV2HTTPResponse right = kit.redeem("org-quiet", "user-quiet", "REAL-CODE-QUIET");

        assertProblem(wrong, 429, "voucher-rate-limited");
        assertEquals(VoucherKit.json(wrong), VoucherKit.json(right));
        assertEquals(wrong.getHeaders(), right.getHeaders());
        assertEquals(Map.of("BatchGetItem", 2L), kit.table.counter().requests());
        assertEquals(before, TableSnapshot.of(kit.table));
    }

    @Test
    void lockout_ofAnOrg_refusesItsOtherMembersToo() {
        kit.openAccount("org-shared");
        kit.createVoucher("REAL-CODE-SHARED", 50_000, 10, 1);
        for (int attempt = 1; attempt <= 10; attempt++) {
            kit.redeem("org-shared", "user-guesser-" + attempt, wrongCode());
        }

        assertProblem(kit.redeem("org-shared", "user-innocent", "REAL-CODE-SHARED"), 429, "voucher-rate-limited");
        assertEquals(0, kit.balance("org-shared"));
    }

    @Test
    void lockout_ofACaller_followsThemToAnotherOrg() {
        kit.openAccount("org-hop-1");
        kit.openAccount("org-hop-2");
        kit.createVoucher("REAL-CODE-HOPPER", 50_000, 10, 1);
        for (int attempt = 1; attempt <= 10; attempt++) {
            kit.redeem(attempt % 2 == 0 ? "org-hop-1" : "org-hop-2", "user-hopper", wrongCode());
        }

        var event = HttpEvents.route("POST", "/orgs/{orgId}/voucher-redemptions", Map.of("orgId", "org-hop-2"))
                .member("user-hopper", "org-hop-1", "org-hop-2").body("{\"code\":\"REAL-CODE-HOPPER\"}").build();
        assertProblem(kit.redeemHandler.handleRequest(event, null), 429, "voucher-rate-limited");
        assertEquals(201, kit.redeem("org-hop-2", "user-colleague", "REAL-CODE-HOPPER").getStatusCode(),
                "the org itself has used only 5 failures");
    }

    @Test
    void lockout_thatHappensWhileARedemptionIsInFlight_refusesItInTheTransaction() {
        kit.openAccount("org-inflight");
        kit.createVoucher("REAL-CODE-FLIGHT", 50_000, 10, 1);
        VoucherRedemptions redemptions = kit.redemptions();
        RedemptionPlan plan = redemptions.prepare("org-inflight", "user-flight", "REAL-CODE-FLIGHT");

        for (int attempt = 1; attempt <= 10; attempt++) {
            kit.redeem("org-inflight", "user-other-" + attempt, wrongCode());
        }
        VoucherRateLimitedException refused = assertThrows(VoucherRateLimitedException.class,
                () -> redemptions.commit(plan));

        assertEquals(900, refused.retryAfterSeconds());
        assertEquals(0, kit.balance("org-inflight"));
        kit.assertAuditClean();
    }

    @Test
    void refusalsOfAnyKind_countAsFailures() {
        kit.openAccount("org-counts");
        kit.createVoucher("ONCE-ONLY-COUNTS", 1_000, 10, 1);
        assertEquals(201, kit.redeem("org-counts", "user-counts", "ONCE-ONLY-COUNTS").getStatusCode());
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertProblem(kit.redeem("org-counts", "user-counts", "ONCE-ONLY-COUNTS"), 409,
                    "voucher-already-redeemed");
        }
        assertProblem(kit.redeem("org-counts", "user-counts", "ONCE-ONLY-COUNTS"), 429, "voucher-rate-limited");
    }
}
