package com.platform.billing.functions.invoicing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Invocation;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.gateway.PaymentGateways;
import java.util.ArrayList;
import java.util.List;

/**
 * InvoiceIssueFunction: SQS source of the per-org messages the run dispatcher sends. Each message issues (or finds
 * issued) the invoice of one (org, period); a failed message is reported in {@code batchItemFailures}
 * (ReportBatchItemFailures) so only it is retried, and after the queue's maxReceiveCount it goes to the DLQ.
 */
public final class InvoiceIssueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final Dependencies dependencies;
    private final IssueAndCharge issuing;

    public InvoiceIssueHandler() {
        this(Dependencies.fromEnvironment(), InvoicingConfig.fromEnvironment(), null);
        Priming.register(dependencies, () -> IssueMessage.parse("{\"orgId\":\"org-1\",\"period\":\"2026-11\"}"));
    }

    /** {@code gateway} null: the configured one ({@code PaymentGateways.fromEnvironment}). */
    InvoiceIssueHandler(Dependencies dependencies, InvoicingConfig config, PaymentGateway gateway) {
        this.dependencies = dependencies;
        this.issuing = new IssueAndCharge(dependencies, config,
                gateway != null ? () -> gateway
                        : () -> PaymentGateways.fromEnvironment(dependencies.clock()));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocation.logged("InvoiceIssueFunction", context, () -> issueAll(event), (response, line) -> {
            line.put("messages", event.getRecords().size());
            line.put("failed", response.getBatchItemFailures().size());
            if (!response.getBatchItemFailures().isEmpty()) {
                line.put("outcome", "partial");
            }
        });
    }

    private SQSBatchResponse issueAll(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                issuing.handle(IssueMessage.parse(message.getBody()));
            } catch (RuntimeException e) {
                Log.error("invoice issue failed for message " + message.getMessageId(), e);
                Metrics.count("InvoiceIssueFailed");
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } finally {
                Log.bindOrg(null);
            }
        }
        return new SQSBatchResponse(failures);
    }
}
