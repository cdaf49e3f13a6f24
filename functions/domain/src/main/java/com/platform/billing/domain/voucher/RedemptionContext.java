package com.platform.billing.domain.voucher;

import com.platform.billing.domain.BillingAccount;
import java.util.Optional;

/**
 * Everything a redemption is decided on, read in one request: the voucher (absent for an unknown code), the org's
 * billing account, how often the org already redeemed this voucher, and the failed-attempt counters of the org and
 * of the caller.
 */
public record RedemptionContext(Optional<Voucher> voucher, Optional<BillingAccount> account, int orgRedemptions,
                                AttemptWindow orgAttempts, AttemptWindow callerAttempts) {
}
