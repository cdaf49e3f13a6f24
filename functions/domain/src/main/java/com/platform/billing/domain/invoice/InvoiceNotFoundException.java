package com.platform.billing.domain.invoice;

import com.platform.billing.domain.BillingException;
import java.util.regex.Pattern;

/** An invoice that does not exist or belongs to another org: both answer 404, revealing nothing. */
public final class InvoiceNotFoundException extends BillingException {

    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public InvoiceNotFoundException() {
        super("not-found", "No such invoice.");
    }

    /** Whether {@code id} has the shape of an invoice id (anything else cannot exist: 404 without a read). */
    public static boolean isValidId(String id) {
        return id != null && VALID_ID.matcher(id).matches();
    }
}
