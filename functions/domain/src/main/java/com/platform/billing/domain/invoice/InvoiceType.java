package com.platform.billing.domain.invoice;

/** What an invoice bills: credit bought through the gateway, a month of metered usage, or a bare-metal term. */
public enum InvoiceType {
    TOPUP,
    USAGE,
    BAREMETAL
}
