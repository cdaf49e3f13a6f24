package com.platform.billing.domain.usage;

import com.platform.billing.domain.BillingException;
import java.time.LocalDate;

/** A new price of an existing SKU must take effect in the future, so usage already rated is never re-priced. */
public final class PriceChangeTooSoonException extends BillingException {

    public PriceChangeTooSoonException(LocalDate earliest) {
        super("price-change-too-soon", "A price change takes effect at 00:00 (platform time zone) at least "
                + CataloguePolicy.PRICE_LEAD_TIME.toMinutes() + " minutes from now, so usage already rated keeps its"
                + " price: the earliest effectiveFrom now is " + earliest + ".");
    }
}
