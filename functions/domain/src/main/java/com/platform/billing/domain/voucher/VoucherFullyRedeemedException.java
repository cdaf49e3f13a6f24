package com.platform.billing.domain.voucher;

/** The voucher reached its total redemption limit. */
public final class VoucherFullyRedeemedException extends VoucherRefusedException {

    public VoucherFullyRedeemedException() {
        super("voucher-fully-redeemed", "This voucher code has been fully redeemed.");
    }
}
