package com.platform.billing.domain.voucher;

/** This organization reached the voucher's per-organization limit. */
public final class VoucherAlreadyRedeemedException extends VoucherRefusedException {

    public VoucherAlreadyRedeemedException(int perOrgLimit) {
        super("voucher-already-redeemed", perOrgLimit == 1
                ? "Your organization has already redeemed this voucher code."
                : "Your organization has already redeemed this voucher code " + perOrgLimit + " times, its limit.");
    }
}
