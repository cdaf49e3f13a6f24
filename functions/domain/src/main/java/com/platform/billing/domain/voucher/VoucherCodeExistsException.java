package com.platform.billing.domain.voucher;

import com.platform.billing.domain.StateConflictException;

/** An admin chose a code that another voucher already has (codes are unique, compared normalized). */
public final class VoucherCodeExistsException extends StateConflictException {

    public VoucherCodeExistsException() {
        super("voucher-code-exists", "A voucher with this code already exists; choose another code.");
    }
}
