package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.domain.usage.Micros;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The BAREMETAL invoice of one term: one line (quantity = months, unit "month", unit price = the discounted monthly
 * price, amount = price × months), tax on top of it ({@link TaxRule#onNetSubtotal}, the same configured rate as every
 * other invoice), reference = server id and term ({@link BareMetalTermRef}). No period: it is not a monthly invoice.
 */
public final class BareMetalInvoice {

    private BareMetalInvoice() {
    }

    public static Invoice draft(String invoiceId, BareMetalCharge charge, TaxRule taxRule, ZoneId zone,
                                Instant issuedAt, Duration dueIn) {
        BareMetalTerm term = charge.term();
        String description = "Bare-metal server " + charge.serverId()
                + (charge.sku().isEmpty() ? "" : " (" + charge.sku() + ")") + ", " + term.months()
                + (term.months() == 1 ? " month" : " months") + ": " + term.start().atZone(zone).toLocalDate()
                + " to " + term.end().atZone(zone).toLocalDate() + " (" + (charge.renewal() ? "renewal" : "new")
                + (charge.monthlyPrice().equals(charge.listPrice()) ? "" : ", term discount") + ")";
        InvoiceLine line = new InvoiceLine(description, charge.sku(), BigDecimal.valueOf(term.months()), "month",
                Math.multiplyExact(charge.monthlyPrice().amount(), Micros.SCALE), charge.amount());
        return Invoice.draft(invoiceId, charge.orgId(), InvoiceType.BAREMETAL, List.of(line),
                taxRule.onNetSubtotal(charge.amount()), null, BareMetalTermRef.of(charge.serverId(), term).format(),
                issuedAt, issuedAt.plus(dueIn));
    }

    /** The term length of a BAREMETAL invoice: its one line's quantity. */
    public static int termMonths(Invoice invoice) {
        return invoice.lines().getFirst().quantity().intValueExact();
    }
}
