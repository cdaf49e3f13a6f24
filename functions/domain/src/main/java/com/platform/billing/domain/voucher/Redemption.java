package com.platform.billing.domain.voucher;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.TransferId;
import java.time.Instant;

/**
 * One redemption in an org's history. {@code ordinal} is the org's n-th redemption of this voucher (1-based).
 *
 * @param redeemedBy the subject of the member who redeemed it
 */
public record Redemption(String orgId, String voucherId, String codeLastFour, Money amount, TransferId transferId,
                         int ordinal, Instant redeemedAt, String redeemedBy) {

    public String maskedCode() {
        return VoucherCode.masked(codeLastFour);
    }
}
