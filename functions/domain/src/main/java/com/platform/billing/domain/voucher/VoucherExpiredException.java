package com.platform.billing.domain.voucher;

/** The voucher's validity window has ended ({@code validUntil} is exclusive). */
public final class VoucherExpiredException extends VoucherRefusedException {

    public VoucherExpiredException() {
        super("voucher-expired", "This voucher code has expired.");
    }
}
