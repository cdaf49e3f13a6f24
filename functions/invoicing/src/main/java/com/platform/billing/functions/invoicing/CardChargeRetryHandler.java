package com.platform.billing.functions.invoicing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Invocation;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.billingrun.CardChargeStore;
import com.platform.billing.domain.billingrun.PostpaidCharging;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.dynamodb.billingrun.DynamoCardChargeStore;
import com.platform.billing.gateway.PaymentGateways;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CardChargeRetryFunction: a daily schedule walks the day's {@code CHARGE-DUE#{yyyy-MM-dd}#{shard}} index items
 * (16 Queries) and, for each, runs the charge use case: an attempt whose outcome was unknown is resolved with the
 * gateway's status API first; a declined invoice is charged again (attempt n+1) or, after the last retry, marked
 * PAST_DUE. The payload may carry {@code {"day": "yyyy-MM-dd"}} to walk another day by hand.
 */
public final class CardChargeRetryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final Dependencies dependencies;
    private final CardChargeStore store;
    private final PostpaidCharging charging;
    private final PaymentGateway gateway;

    public CardChargeRetryHandler() {
        this(Dependencies.fromEnvironment(), PaymentGateways.fromEnvironment());
        Priming.register(dependencies, () -> PaymentGateways.prime(gateway));
    }

    CardChargeRetryHandler(Dependencies dependencies, PaymentGateway gateway) {
        this.dependencies = dependencies;
        this.gateway = gateway;
        this.store = new DynamoCardChargeStore(dependencies.dynamo(), dependencies.table(),
                dependencies.config().calendar());
        this.charging = new PostpaidCharging(store, gateway, dependencies.clock());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Invocation.logged("CardChargeRetryFunction", context, () -> retryDue(event), (answer, line) -> {
            line.put("due", (Integer) answer.get("due"));
            if (((Map<?, ?>) answer.get("results")).containsKey("ERROR")) {
                line.put("outcome", "partial");
            }
        });
    }

    private Map<String, Object> retryDue(Map<String, Object> event) {
        LocalDate day = dayOf(event == null ? Map.of() : event);
        Map<String, Integer> results = new TreeMap<>();
        int due = 0;
        for (CardChargeStore.DueCharge charge : store.dueOn(day)) {
            due++;
            String result;
            try {
                Log.bindOrg(charge.orgId());
                result = CardChargeMetrics.counted(charging.charge(charge.orgId(), charge.invoiceId())).name();
            } catch (RuntimeException e) {
                Log.error("card charge retry failed for invoice " + charge.invoiceId(), e);
                result = "ERROR";
                Metrics.count("CardChargeFailed", "Reason", result);
            } finally {
                Log.bindOrg(null);
            }
            results.merge(result, 1, Integer::sum);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("day", day.toString());
        answer.put("due", due);
        answer.put("results", results);
        ObjectNode line = Log.line("INFO", "card charge retries");
        line.put("day", day.toString());
        line.put("due", due);
        results.forEach(line::put);
        Log.emit(line);
        return answer;
    }

    private LocalDate dayOf(Map<String, Object> event) {
        Object day = event.get("day");
        if (day == null) {
            return LocalDate.ofInstant(dependencies.clock().instant(), dependencies.config().calendar().zone());
        }
        try {
            return LocalDate.parse(day.toString());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("day", "day must be yyyy-MM-dd.");
        }
    }
}
