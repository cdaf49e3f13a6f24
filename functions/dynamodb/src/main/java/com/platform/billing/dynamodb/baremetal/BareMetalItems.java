package com.platform.billing.dynamodb.baremetal;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.baremetal.BareMetalCharge;
import com.platform.billing.domain.baremetal.BareMetalSubscription;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keys and mapping of bare-metal items. Everything of one server lives in its own partition
 * {@code BAREMETAL#{serverId}} (server ids are platform-wide, and the cancel route names only the server):
 * <ul>
 *   <li>subscription {@code SUBSCRIPTION}: GSI1 {@code ORG#{org}#BAREMETAL} / {@code {serverId}} (an org's servers);
 *       while ACTIVE, GSI2 {@code BAREMETAL-RENEWAL#{yyyy-MM-dd}#{shard 0..15}} / {@code {serverId}}, the Jakarta day its
 *       term ends (the renewal sweep's work list; removed on cancel);</li>
 *   <li>term marker {@code TERM#{termStart}}: the (server, term start) idempotency guard, written with
 *       {@code attribute_not_exists} in the transaction that issues the term's invoice; holds the invoice id and the
 *       charge's fingerprint.</li>
 * </ul>
 */
public final class BareMetalItems {

    public static final String SUBSCRIPTION_TYPE = "BAREMETAL_SUBSCRIPTION";
    public static final String TERM_TYPE = "BAREMETAL_TERM";
    /** Renewals due on a day are spread over this many index partitions. */
    public static final int RENEWAL_SHARDS = 16;

    private BareMetalItems() {
    }

    public static String serverPk(String serverId) {
        return "BAREMETAL#" + serverId;
    }

    public static String subscriptionSk() {
        return "SUBSCRIPTION";
    }

    public static String termSk(Instant termStart) {
        return "TERM#" + Items.formatTime(termStart);
    }

    public static String orgServersGsi1Pk(String orgId) {
        return Keys.orgPk(orgId) + "#BAREMETAL";
    }

    public static String renewalGsi2Pk(LocalDate day, String serverId) {
        return renewalGsi2Pk(day, Math.floorMod(serverId.hashCode(), RENEWAL_SHARDS));
    }

    public static String renewalGsi2Pk(LocalDate day, int shard) {
        return "BAREMETAL-RENEWAL#" + day + "#" + shard;
    }

    public static Map<String, AttributeValue> subscriptionKey(String serverId) {
        return Items.key(serverPk(serverId), subscriptionSk());
    }

    public static Map<String, AttributeValue> termKey(String serverId, Instant termStart) {
        return Items.key(serverPk(serverId), termSk(termStart));
    }

    /** The term marker of a charge whose invoice is {@code invoice}. */
    public static Map<String, AttributeValue> termItem(BareMetalCharge charge, Invoice invoice, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(termKey(charge.serverId(), charge.term().start()));
        item.put(Keys.TYPE, Items.s(TERM_TYPE));
        item.put("serverId", Items.s(charge.serverId()));
        item.put("orgId", Items.s(charge.orgId()));
        item.put("invoiceId", Items.s(invoice.id()));
        item.put("invoiceNumber", Items.s(invoice.number().value()));
        item.put("termStart", Items.time(charge.term().start()));
        item.put("termEnd", Items.time(charge.term().end()));
        item.put("termMonths", Items.n(charge.term().months()));
        item.put("fingerprint", Items.s(charge.fingerprint()));
        item.put("createdAt", Items.time(at));
        return item;
    }

    /** A new subscription in its first term. */
    public static Map<String, AttributeValue> newSubscriptionItem(BareMetalCharge charge, Invoice invoice, ZoneId zone,
                                                                  Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(subscriptionKey(charge.serverId()));
        item.put(Keys.TYPE, Items.s(SUBSCRIPTION_TYPE));
        item.put(Keys.GSI1PK, Items.s(orgServersGsi1Pk(charge.orgId())));
        item.put(Keys.GSI1SK, Items.s(charge.serverId()));
        item.put("serverId", Items.s(charge.serverId()));
        item.put("orgId", Items.s(charge.orgId()));
        item.put("sku", Items.s(charge.sku()));
        item.put("listPrice", Items.n(charge.listPrice().amount()));
        item.put("currency", Items.s(charge.listPrice().currency()));
        item.put("termMonths", Items.n(charge.term().months()));
        item.put("anchorDay", Items.n(charge.term().anchorDay()));
        item.put("currentTermStart", Items.time(charge.term().start()));
        item.put("currentTermEnd", Items.time(charge.term().end()));
        item.put("status", Items.s(BareMetalSubscription.Status.ACTIVE.name()));
        item.put("termsCharged", Items.n(1));
        item.put("lastInvoiceId", Items.s(invoice.id()));
        item.put(Keys.GSI2PK, Items.s(renewalGsi2Pk(day(charge.term().end(), zone), charge.serverId())));
        item.put(Keys.GSI2SK, Items.s(charge.serverId()));
        item.put("createdAt", Items.time(at));
        item.put("updatedAt", Items.time(at));
        return item;
    }

    public static LocalDate day(Instant instant, ZoneId zone) {
        return LocalDate.ofInstant(instant, zone);
    }

    public static BareMetalSubscription fromItem(Map<String, AttributeValue> item) {
        String cancelledAt = Items.strOr(item, "cancelledAt", null);
        return new BareMetalSubscription(Items.str(item, "serverId"), Items.str(item, "orgId"),
                Items.strOr(item, "sku", ""), Money.of(Items.num(item, "listPrice"), Items.str(item, "currency")),
                (int) Items.num(item, "termMonths"), (int) Items.num(item, "anchorDay"),
                Items.instant(item, "currentTermStart"), Items.instant(item, "currentTermEnd"),
                BareMetalSubscription.Status.valueOf(Items.str(item, "status")), Items.num(item, "termsCharged"),
                Items.strOr(item, "lastInvoiceId", null), cancelledAt == null ? null : Instant.parse(cancelledAt));
    }
}
