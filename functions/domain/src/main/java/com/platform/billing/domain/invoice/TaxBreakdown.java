package com.platform.billing.domain.invoice;

import com.platform.billing.domain.Money;
import java.util.Objects;

/**
 * Net, tax and gross of one invoice: {@code subtotal + tax = total} always holds exactly (the tax is the only
 * rounded figure, and the other two are derived from it by exact arithmetic).
 */
public record TaxBreakdown(Money subtotal, Money tax, Money total, long rateBasisPoints, TaxMode mode) {

    public TaxBreakdown {
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(mode, "mode");
        if (!subtotal.plus(tax).equals(total)) {
            throw new IllegalArgumentException("subtotal + tax must equal total");
        }
    }

    public String currency() {
        return total.currency();
    }
}
