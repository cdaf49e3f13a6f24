package com.platform.billing.domain.voucher;

/** A voucher is redeemable only while ACTIVE; DISABLED is final. */
public enum VoucherStatus {
    ACTIVE,
    DISABLED
}
