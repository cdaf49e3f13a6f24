package com.platform.billing.domain;

/**
 * Why money moved. Each kind names the account on the other side of the double entry. Those counterpart accounts are
 * platform-wide, so their balances are never stored on one hot item: they are derived by summing entries (auditor).
 */
public enum TransferKind {
    /** Admin "fill in credit" from the dashboard, positive or negative. */
    ADJUSTMENT("platform:adjustments"),
    /** Credit bought through the payment gateway. */
    TOPUP("external:payment-gateway"),
    /** Credit from a redeemed voucher code. */
    VOUCHER("platform:vouchers"),
    /** Credit deducted to pay an invoice. */
    INVOICE_PAYMENT("platform:receivables"),
    /** What a gateway payment of an invoice paid beyond the amount due. */
    PAYMENT_SURPLUS("external:payment-gateway"),
    /** Money the gateway reports as returned (refund or chargeback) after it was credited. */
    PAYMENT_REVERSAL("external:payment-gateway");

    private final String counterpartAccount;

    TransferKind(String counterpartAccount) {
        this.counterpartAccount = counterpartAccount;
    }

    public String counterpartAccount() {
        return counterpartAccount;
    }
}
