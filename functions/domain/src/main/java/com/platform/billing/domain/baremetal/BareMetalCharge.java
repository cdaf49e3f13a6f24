package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.OrgId;
import java.util.Objects;

/**
 * One term to charge: the server's first term (the platform created it) or a renewal (the sweep found its term
 * ended). {@code listPrice} is the monthly price before any term discount; {@code monthlyPrice} after it.
 *
 * <p>Idempotent per (serverId, term start): {@link #fingerprint} is what a retried call must repeat; the same
 * (server, start) with another org, SKU, price or term length is refused rather than answered with the first invoice.
 */
public record BareMetalCharge(String orgId, String serverId, String sku, Money listPrice, Money monthlyPrice,
                              BareMetalTerm term, boolean renewal, String actor) {

    public BareMetalCharge {
        OrgId.requireValid(orgId);
        ServerId.requireValid(serverId);
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(listPrice, "listPrice");
        Objects.requireNonNull(monthlyPrice, "monthlyPrice");
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(actor, "actor");
        if (!listPrice.isPositive() || !monthlyPrice.isPositive()) {
            throw new IllegalArgumentException("a bare-metal price is positive");
        }
    }

    /** The term's amount before tax: the (discounted) monthly price times the months. */
    public Money amount() {
        return monthlyPrice.times(term.months());
    }

    /** What defines the charge, for telling a retry from a different request under the same (server, start). */
    public String fingerprint() {
        return orgId + "|" + sku + "|" + listPrice.amount() + "|" + listPrice.currency() + "|" + term.months() + "|"
                + term.start();
    }
}
