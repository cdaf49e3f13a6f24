package com.platform.billing.functions.baremetal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Log;
import com.platform.billing.api.Metrics;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.BillingException;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.baremetal.BareMetalSubscription;
import com.platform.billing.domain.baremetal.ChargeOutcome;
import com.platform.billing.domain.payment.PaymentGateway;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * BareMetalRenewalFunction: an hourly schedule walks the renewal index for today and yesterday (Asia/Jakarta;
 * {@code BAREMETAL-RENEWAL#{day}#{0..15}}, 16 Queries per day, no scan) and charges the next term of every active
 * subscription whose term has ended by now. Each renewal is a charge with start = the previous term's end, so the
 * (server, term start) guard makes a second trigger — the next hour's run, a retried invocation, a manual run —
 * charge nothing; a cancelled subscription has left the index (and the charge's transaction re-checks it is active).
 * The payload may carry {@code {"day": "yyyy-MM-dd"}} to walk one other day by hand (catching up after an outage).
 */
public final class BareMetalRenewalHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final Dependencies dependencies;
    private final BareMetalWiring wiring;

    public BareMetalRenewalHandler() {
        this(Dependencies.fromEnvironment(), BareMetalSettings.fromEnvironment(), null);
        Priming.register(dependencies, () -> { });
    }

    /** With the default settings and the configured gateway (tests, the simulation). */
    BareMetalRenewalHandler(Dependencies deps) {
        this(deps, BareMetalSettings.defaults(), null);
    }

    /** {@code gateway} null: the configured one, created when a postpaid renewal is first charged. */
    BareMetalRenewalHandler(Dependencies deps, BareMetalSettings settings, PaymentGateway gateway) {
        this.dependencies = deps;
        this.wiring = new BareMetalWiring(deps, settings, gateway);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Log.bind(context == null ? "" : context.getAwsRequestId(), null);
        List<LocalDate> days = days(event == null ? Map.of() : event);
        Map<String, Integer> results = new TreeMap<>();
        int found = 0;
        try {
            for (LocalDate day : days) {
                for (BareMetalSubscription subscription : wiring.store.renewalsDue(day)) {
                    found++;
                    results.merge(renew(subscription), 1, Integer::sum);
                }
            }
        } finally {
            Log.clear();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("days", days.stream().map(LocalDate::toString).toList());
        answer.put("found", found);
        answer.put("results", results);
        ObjectNode line = Log.line("INFO", "bare-metal renewals");
        line.put("days", days.toString());
        line.put("found", found);
        results.forEach(line::put);
        Log.emit(line);
        return answer;
    }

    /** What happened to one subscription: NOT_DUE, RENEWED_{payment}, ALREADY_RENEWED, REFUSED or ERROR. */
    private String renew(BareMetalSubscription subscription) {
        Log.bindOrg(subscription.orgId());
        try {
            Optional<ChargeOutcome> outcome = wiring.charging.renew(subscription);
            if (outcome.isEmpty()) {
                return "NOT_DUE";
            }
            BareMetalApi.report(outcome.get(), "renewal");
            return outcome.get().replayed() ? "ALREADY_RENEWED" : "RENEWED_" + outcome.get().payment();
        } catch (BillingException refused) {
            // Cancelled between the index read and the charge, or the account is gone: nothing to charge.
            ObjectNode line = Log.line("WARN", "bare-metal renewal not charged");
            line.put("serverId", subscription.serverId());
            line.put("problem", refused.code());
            Log.emit(line);
            return "REFUSED";
        } catch (RuntimeException e) {
            // Left in the index: the next hourly run tries again.
            Log.error("bare-metal renewal failed for server " + subscription.serverId(), e);
            Metrics.count("BareMetalRenewalErrors");
            return "ERROR";
        } finally {
            Log.bindOrg(null);
        }
    }

    private List<LocalDate> days(Map<String, Object> event) {
        Object day = event.get("day");
        if (day != null) {
            try {
                return List.of(LocalDate.parse(day.toString()));
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException("day", "day must be yyyy-MM-dd.");
            }
        }
        LocalDate today = LocalDate.ofInstant(dependencies.clock().instant(), dependencies.config().calendar().zone());
        return List.of(today.minusDays(1), today);
    }
}
