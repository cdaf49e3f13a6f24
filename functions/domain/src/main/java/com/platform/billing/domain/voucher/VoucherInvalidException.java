package com.platform.billing.domain.voucher;

/**
 * The code is unknown, the voucher was disabled, or it is restricted to other organizations. All three answer the
 * same, so a caller cannot tell a disabled or restricted code from one that never existed.
 */
public final class VoucherInvalidException extends VoucherRefusedException {

    public VoucherInvalidException() {
        super("voucher-invalid", "This voucher code is not valid.");
    }
}
