package com.platform.billing.domain;

/** An amount in a currency other than the account's. */
public final class CurrencyMismatchException extends BillingException {

    public CurrencyMismatchException(String expected, String actual) {
        super("currency-mismatch", "Expected an amount in " + expected + ", got " + actual + ".");
    }
}
