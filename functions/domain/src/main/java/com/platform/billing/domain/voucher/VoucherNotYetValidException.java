package com.platform.billing.domain.voucher;

import java.time.Instant;

/** The voucher's validity window has not started yet. */
public final class VoucherNotYetValidException extends VoucherRefusedException {

    public VoucherNotYetValidException(Instant validFrom) {
        super("voucher-not-yet-valid", "This voucher code can be redeemed from " + validFrom + ".");
    }
}
