package com.platform.billing.functions.invoicing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Authorization;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.Json;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.payment.PaymentGateway;
import java.time.YearMonth;
import java.util.Set;

/**
 * InvoiceRunAdminFunction: {@code POST /admin/invoice-runs {"period": "yyyy-MM"}} (admin role) re-fires the run for a
 * closed period. Answers 202 with what was dispatched; orgs already invoiced are skipped by the issuer.
 */
public final class InvoiceRunAdminHandler extends ApiHandler {

    private final Dependencies dependencies;
    private final InvoiceRun run;

    public InvoiceRunAdminHandler() {
        this(Dependencies.fromEnvironment(), InvoicingConfig.fromEnvironment(), null);
        Priming.register(dependencies, () -> InvoiceRunHandler.parsePeriod("2026-11"));
    }

    InvoiceRunAdminHandler(Dependencies dependencies, InvoicingConfig config, PaymentGateway gateway) {
        this.dependencies = dependencies;
        this.run = InvoiceRunHandler.runFor(dependencies, config, gateway);
        route("POST /admin/invoice-runs", this::startRun);
    }

    private APIGatewayV2HTTPResponse startRun(ApiRequest request) {
        Authorization.admin(request);
        ObjectNode body = Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of("period"));
        YearMonth period = InvoiceRunHandler.parsePeriod(JsonFields.requiredText(body, "period"));
        YearMonth current = dependencies.config().calendar().currentPeriod(dependencies.clock());
        if (!period.isBefore(current)) {
            throw new InvalidRequestException("period", "Only a closed period (before " + current
                    + ") can be invoiced.");
        }
        InvoiceRun.Summary summary = run.run(period);
        ObjectNode answer = Json.object();
        InvoiceRunHandler.summaryView(summary).forEach((k, v) -> {
            if (v instanceof Integer i) {
                answer.put(k, i);
            } else {
                answer.put(k, String.valueOf(v));
            }
        });
        return HttpResponses.json(202, answer);
    }
}
