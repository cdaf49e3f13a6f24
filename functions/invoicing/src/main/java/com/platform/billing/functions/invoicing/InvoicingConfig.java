package com.platform.billing.functions.invoicing;

import com.platform.billing.api.Env;
import com.platform.billing.domain.invoice.TaxMode;
import com.platform.billing.domain.invoice.TaxRule;
import java.time.Duration;
import java.util.Optional;

/**
 * Configuration of the invoicing functions: {@code TAX_RATE_BASIS_POINTS} (1100, the same rule as top-up invoices;
 * usage invoices always add tax on top of the lines), {@code INVOICE_DUE_DAYS} (14), and
 * {@code INVOICE_ISSUE_QUEUE_URL} (the dispatcher's fan-out queue; unset = local mode, issue in-process).
 */
public record InvoicingConfig(TaxRule taxRule, Duration dueIn, Optional<String> issueQueueUrl) {

    public static InvoicingConfig fromEnvironment() {
        return new InvoicingConfig(
                new TaxRule(Env.getLong("TAX_RATE_BASIS_POINTS", TaxRule.DEFAULT_RATE_BASIS_POINTS), TaxMode.ADDED),
                Duration.ofDays(Env.getLong("INVOICE_DUE_DAYS", 14)),
                Env.get("INVOICE_ISSUE_QUEUE_URL").filter(url -> !url.isBlank()));
    }

    public static InvoicingConfig defaults() {
        return new InvoicingConfig(TaxRule.indonesianVat(), Duration.ofDays(14), Optional.empty());
    }
}
