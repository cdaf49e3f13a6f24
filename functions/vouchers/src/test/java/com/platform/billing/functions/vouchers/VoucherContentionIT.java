package com.platform.billing.functions.vouchers;

import static com.platform.billing.functions.vouchers.VoucherKit.assertProblem;
import static com.platform.billing.functions.vouchers.VoucherKit.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.voucher.RedemptionPlan;
import com.platform.billing.domain.voucher.VoucherAlreadyRedeemedException;
import com.platform.billing.domain.voucher.VoucherFullyRedeemedException;
import com.platform.billing.domain.voucher.VoucherInvalidException;
import com.platform.billing.domain.voucher.VoucherRedemptions;
import com.platform.billing.dynamodb.DynamoLedger;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Races, made deterministic: both sides read and decide ({@code prepare}) before either writes ({@code commit}), so
 * the second write always meets state its read did not see. (moto cannot isolate items between threads, so racing
 * real threads would prove nothing.)
 */
@WithLedgerTable
class VoucherContentionIT {

    private static final Instant START = Instant.parse("2026-11-27T04:00:00Z");
    private final VoucherKit kit;
    private final VoucherRedemptions redemptions;

    VoucherContentionIT(LedgerTable table) {
        this.kit = new VoucherKit(table, START);
        this.redemptions = kit.redemptions();
    }

    @Test
    void lastRedemption_contendedByTwoOrgs_exactlyOneWinsAndTheOtherIsFullyRedeemed() {
        String voucherId = kit.createVoucher("LAST-ONE-WINS-01", 75_000, 3, 1);
        for (String org : new String[] {"org-early-1", "org-early-2", "org-race-a", "org-race-b"}) {
            kit.openAccount(org);
        }
        redemptions.redeem("org-early-1", "user-e1", "LAST-ONE-WINS-01");
        redemptions.redeem("org-early-2", "user-e2", "LAST-ONE-WINS-01");

        RedemptionPlan a = redemptions.prepare("org-race-a", "user-a", "LAST-ONE-WINS-01");
        RedemptionPlan b = redemptions.prepare("org-race-b", "user-b", "LAST-ONE-WINS-01");
        assertEquals(2, a.voucher().redeemedCount());
        assertEquals(2, b.voucher().redeemedCount());

        VoucherRedemptions.Redeemed won = redemptions.commit(a);
        assertThrows(VoucherFullyRedeemedException.class, () -> redemptions.commit(b));

        assertEquals(75_000, won.entry().balanceAfter().amount());
        assertEquals(75_000, kit.balance("org-race-a"));
        assertEquals(0, kit.balance("org-race-b"));
        var voucher = json(kit.admin("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId), null));
        assertEquals(3, voucher.path("usage").path("redeemed").asLong());
        assertEquals(3, voucher.path("usage").path("orgs").size());
        assertProblem(kit.redeem("org-race-b", "user-b", "LAST-ONE-WINS-01"), 409, "voucher-fully-redeemed");
        kit.assertAuditClean();
    }

    /** The same member clicking twice, or two members of one org at once: one credit, the other already redeemed. */
    @ParameterizedTest
    @CsvSource({"DOUBLE-CLICK-01, org-double, user-first", "TWO-MEMBERS-01, org-members, user-second"})
    void doubleSubmit_bySameOrg_creditsOnceAndTheSecondIsAlreadyRedeemed(String code, String org, String secondMember) {
        kit.createVoucher(code, 40_000, 10, 1);
        kit.openAccount(org);

        RedemptionPlan first = redemptions.prepare(org, "user-first", code);
        RedemptionPlan second = redemptions.prepare(org, secondMember, code);
        redemptions.commit(first);

        assertThrows(VoucherAlreadyRedeemedException.class, () -> redemptions.commit(second));
        assertEquals(40_000, kit.balance(org));
        kit.assertAuditClean();
    }

    @Test
    void sameOrdinal_belowThePerOrgLimit_isAConcurrentUpdateAndARetryRedeemsTheNext() {
        kit.createVoucher("THREE-PER-ORG-01", 10_000, 10, 3);
        kit.openAccount("org-ordinal");

        RedemptionPlan first = redemptions.prepare("org-ordinal", "user-o", "THREE-PER-ORG-01");
        RedemptionPlan second = redemptions.prepare("org-ordinal", "user-o", "THREE-PER-ORG-01");
        redemptions.commit(first);
        assertThrows(ConcurrentUpdateException.class, () -> redemptions.commit(second));
        assertEquals(10_000, kit.balance("org-ordinal"));

        VoucherRedemptions.Redeemed retried = redemptions.redeem("org-ordinal", "user-o", "THREE-PER-ORG-01");
        assertEquals(2, retried.redemption().ordinal());
        assertEquals(20_000, kit.balance("org-ordinal"));
        kit.assertAuditClean();
    }

    @Test
    void accountChangedBetweenReadAndWrite_redemptionIsReDecidedOnTheNewBalance() {
        kit.createVoucher("MOVING-BALANCE-1", 25_000, 10, 1);
        kit.openAccount("org-moving");

        RedemptionPlan plan = redemptions.prepare("org-moving", "user-mv", "MOVING-BALANCE-1");
        new DynamoLedger(kit.table.dynamo(), kit.table.name(), kit.clock).apply(new Transfer(
                TransferId.of("adjustment", "org-moving", "meanwhile"), "org-moving", TransferKind.ADJUSTMENT,
                Money.of(5_000, "IDR"), "", "admin-1", "credited while the redemption was in flight"));
        VoucherRedemptions.Redeemed redeemed = redemptions.commit(plan);

        assertEquals(2, redeemed.entry().sequence());
        assertEquals(30_000, redeemed.entry().balanceAfter().amount());
        assertEquals(30_000, kit.balance("org-moving"));
        kit.assertAuditClean();
    }

    @Test
    void voucherDisabledBetweenReadAndWrite_isRefusedAsInvalidAndCreditsNothing() {
        String voucherId = kit.createVoucher("DISABLED-MIDWAY-1", 25_000, 10, 1);
        kit.openAccount("org-midway");

        RedemptionPlan plan = redemptions.prepare("org-midway", "user-midway", "DISABLED-MIDWAY-1");
        assertEquals(200, kit.admin("POST", "/admin/vouchers/{voucherId}/disable",
                Map.of("voucherId", voucherId), null).getStatusCode());

        assertThrows(VoucherInvalidException.class,
                () -> redemptions.commit(plan));
        assertEquals(0, kit.balance("org-midway"));
        assertFalse(json(kit.admin("GET", "/admin/vouchers/{voucherId}", Map.of("voucherId", voucherId), null))
                .path("usage").path("redeemed").asLong() > 0);
    }
}
