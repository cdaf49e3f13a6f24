package com.platform.billing.domain.voucher;

import com.platform.billing.domain.BillingException;

/** Admin routes: no voucher with this id (or code). */
public final class VoucherNotFoundException extends BillingException {

    public VoucherNotFoundException() {
        super("not-found", "No such voucher.");
    }
}
