package com.platform.billing.functions.invoicing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.domain.billingrun.IssueOutcome;
import com.platform.billing.domain.billingrun.PostpaidCharging;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.dynamodb.billingrun.DynamoCardChargeStore;
import com.platform.billing.dynamodb.billingrun.DynamoUsageInvoiceIssuer;
import java.util.function.Supplier;

/**
 * What one fan-out message does: issue the invoice of (org, period); for a postpaid org, then charge it to the saved
 * card (first attempt). A re-delivery finds the invoice issued and only charges if the first attempt never happened
 * (the charge use case decides from the recorded attempts, so nothing is charged twice).
 */
final class IssueAndCharge {

    private final DynamoUsageInvoiceIssuer issuer;
    private final Dependencies dependencies;
    private final Supplier<PaymentGateway> gateway;
    private PostpaidCharging charging;

    /** {@code gateway} is asked for only when a postpaid invoice is to be charged. */
    IssueAndCharge(Dependencies dependencies, InvoicingConfig config, Supplier<PaymentGateway> gateway) {
        this.dependencies = dependencies;
        this.issuer = new DynamoUsageInvoiceIssuer(dependencies.dynamo(), dependencies.table(), dependencies.clock(),
                config.taxRule(), config.dueIn());
        this.gateway = gateway;
    }

    private synchronized PostpaidCharging charging() {
        if (charging == null) {
            charging = charging(dependencies, gateway.get());
        }
        return charging;
    }

    static PostpaidCharging charging(Dependencies dependencies, PaymentGateway gateway) {
        return new PostpaidCharging(new DynamoCardChargeStore(dependencies.dynamo(), dependencies.table(),
                dependencies.config().calendar()), gateway, dependencies.clock());
    }

    IssueOutcome handle(IssueMessage message) {
        Log.bindOrg(message.orgId());
        IssueOutcome outcome = issuer.issue(message.orgId(), message.period());
        ObjectNode line = Log.line("INFO", "invoice issue");
        line.put("orgId", outcome.orgId());
        line.put("period", outcome.period().toString());
        line.put("result", outcome.result().name());
        if (outcome.invoiceId() != null) {
            line.put("invoiceId", outcome.invoiceId());
        }
        if (outcome.invoice() != null) {
            line.put("invoiceNumber", outcome.invoice().number().value());
            line.put("total", outcome.invoice().total().amount());
            line.put("status", outcome.invoice().status().name());
        }
        if (outcome.result() == IssueOutcome.Result.ISSUED) {
            Metrics.count("InvoiceIssued");
        }
        if (outcome.chargeable()) {
            line.put("cardCharge", CardChargeMetrics.counted(charging().charge(outcome.orgId(), outcome.invoiceId()))
                    .name());
        }
        Log.emit(line);
        return outcome;
    }
}
