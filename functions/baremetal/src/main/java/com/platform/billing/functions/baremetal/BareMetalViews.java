package com.platform.billing.functions.baremetal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.domain.baremetal.BareMetalInvoice;
import com.platform.billing.domain.baremetal.BareMetalSubscription;
import com.platform.billing.domain.baremetal.ChargeOutcome;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.dynamodb.Items;
import java.time.Instant;

/** JSON of charge outcomes and subscriptions. Money: integers in minor units; times: ISO-8601 UTC. */
final class BareMetalViews {

    private BareMetalViews() {
    }

    static ObjectNode outcome(ChargeOutcome outcome) {
        Invoice invoice = outcome.invoice();
        ObjectNode view = Json.object();
        view.put("orgId", invoice.orgId());
        view.put("serverId", outcome.term().serverId());
        view.put("termStart", Items.formatTime(outcome.term().termStart()));
        view.put("termEnd", Items.formatTime(outcome.term().termEnd()));
        view.put("termMonths", BareMetalInvoice.termMonths(invoice));
        view.put("payment", outcome.payment().name());
        view.put("amountDue", invoice.amountDue().amount());
        view.put("invoiceId", invoice.id());
        view.put("invoiceNumber", invoice.number().value());
        view.put("invoiceStatus", invoice.status().name());
        view.put("billingType", outcome.billingType().name());
        view.put("currency", invoice.currency());
        view.put("subtotal", invoice.subtotal().amount());
        view.put("tax", invoice.taxAmount().amount());
        view.put("total", invoice.total().amount());
        view.put("creditsApplied", invoice.creditsApplied().amount());
        view.put("amountPaid", invoice.amountPaid().amount());
        if (outcome.cardCharge() != null) {
            view.put("cardCharge", outcome.cardCharge());
        }
        view.put("replayed", outcome.replayed());
        return view;
    }

    static ObjectNode subscription(BareMetalSubscription subscription) {
        ObjectNode view = Json.object();
        view.put("serverId", subscription.serverId());
        view.put("orgId", subscription.orgId());
        view.put("sku", subscription.sku());
        view.put("status", subscription.status().name());
        view.put("termMonths", subscription.termMonths());
        view.put("monthlyPrice", subscription.listPrice().amount());
        view.put("currency", subscription.listPrice().currency());
        view.put("currentTermStart", Items.formatTime(subscription.currentTermStart()));
        view.put("currentTermEnd", Items.formatTime(subscription.currentTermEnd()));
        time(view, "nextRenewalAt", subscription.nextRenewalAt());
        view.put("termsCharged", subscription.termsCharged());
        if (subscription.lastInvoiceId() != null) {
            view.put("lastInvoiceId", subscription.lastInvoiceId());
        }
        time(view, "cancelledAt", subscription.cancelledAt());
        return view;
    }

    private static void time(ObjectNode view, String field, Instant at) {
        if (at == null) {
            view.putNull(field);
        } else {
            view.put(field, Items.formatTime(at));
        }
    }
}
