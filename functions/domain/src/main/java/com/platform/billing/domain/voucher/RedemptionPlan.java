package com.platform.billing.domain.voucher;

import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.Transfer;
import java.time.Instant;

/**
 * A redemption decided against one read, ready to be written in one transaction: the credit ({@code transfer} and
 * the {@code entry} it makes on {@code readAccount}), the voucher's count (+1, guarded by its rules at {@code now}),
 * the org's count (from {@code orgRedemptionsRead} to {@code redemption.ordinal()}), the history record, the
 * VoucherRedeemed event, and a check that neither the org nor the caller is locked out by {@code policy}.
 */
public record RedemptionPlan(Transfer transfer, BillingAccount readAccount, LedgerEntry entry, Voucher voucher,
                             int orgRedemptionsRead, Redemption redemption, Instant now, AttemptPolicy policy) {

    public String orgId() {
        return transfer.orgId();
    }

    public String actor() {
        return transfer.actor();
    }

    public int ordinal() {
        return redemption.ordinal();
    }
}
