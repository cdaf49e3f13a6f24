package com.platform.billing.domain.voucher;

import com.platform.billing.domain.BillingException;

/**
 * A redemption refused because of the code or the voucher's state. Every such refusal counts as a failed attempt
 * for the rate limit: it is what guessing looks like.
 */
public abstract sealed class VoucherRefusedException extends BillingException
        permits VoucherInvalidException, VoucherExpiredException, VoucherNotYetValidException,
        VoucherFullyRedeemedException, VoucherAlreadyRedeemedException {

    protected VoucherRefusedException(String code, String message) {
        super(code, message);
    }
}
