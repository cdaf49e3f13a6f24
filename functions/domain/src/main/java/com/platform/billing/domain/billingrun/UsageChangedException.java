package com.platform.billing.domain.billingrun;

/**
 * A usage record was booked into the period between reading its lines and writing the invoice (the TOTAL item's
 * record count moved): the issuer reads again and re-decides.
 */
public final class UsageChangedException extends RuntimeException {

    public UsageChangedException(String orgId) {
        super("usage of " + orgId + " changed while its invoice was being issued");
    }
}
