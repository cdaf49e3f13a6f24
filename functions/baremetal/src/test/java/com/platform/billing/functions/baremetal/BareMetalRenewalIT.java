package com.platform.billing.functions.baremetal;

import static com.platform.billing.functions.baremetal.BareMetalFixtures.assertAuditClean;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.assertProblem;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.balance;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.bareMetalInvoices;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.body;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.chargeBody;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.credit;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.deps;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.invoke;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.openAccount;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.postCancel;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.postCharge;
import static com.platform.billing.functions.baremetal.BareMetalFixtures.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.StateConflictException;
import com.platform.billing.domain.baremetal.BareMetalCharge;
import com.platform.billing.domain.baremetal.BareMetalTerm;
import com.platform.billing.domain.baremetal.BareMetalSubscription;
import com.platform.billing.domain.baremetal.ChargeOutcome;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.dynamodb.baremetal.DynamoBareMetalStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Renewal at term end (hourly sweep through the renewal index), its idempotency, cancel, and the subscription list. */
@WithLedgerTable
class BareMetalRenewalIT {

    // A 1-month term starting 31 January 10:00 Jakarta ends 28 February 10:00 (03:00Z), then 31 March.
    private static final String START = "2026-01-31T10:00:00+07:00";

    private final LedgerTable table;
    private final BareMetalFixtures.TestClock clock = new BareMetalFixtures.TestClock("2026-01-31T03:00:00Z");
    private final BareMetalChargeHandler handler;
    private final BareMetalRenewalHandler renewals;

    BareMetalRenewalIT(LedgerTable table) {
        this.table = table;
        this.handler = new BareMetalChargeHandler(deps(table, clock), BareMetalSettings.defaults(),
                new FakeCardGateway());
        this.renewals = new BareMetalRenewalHandler(deps(table, clock), BareMetalSettings.defaults(),
                new FakeCardGateway());
    }

    private void subscribe(String org, String server) {
        clock.set("2026-01-31T03:00:00Z");
        openAccount(table, org, BillingType.PREPAID, clock);
        credit(table, org, 100_000_000, clock);
        JsonNode created = invoke(handler, postCharge(chargeBody(Map.of("orgId", org, "serverId", server,
                "termMonths", 1, "start", START))));
        assertEquals(201, created.path("statusCode").asInt(), created.toString());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Integer> sweep(String at) {
        clock.set(at);
        return (Map<String, Integer>) renewals.handleRequest(Map.of(), null).get("results");
    }

    private List<Invoice> invoicesByTerm(String org) {
        return bareMetalInvoices(table, org).stream().sorted(Comparator.comparing(Invoice::reference)).toList();
    }

    private DynamoBareMetalStore store() {
        return new DynamoBareMetalStore(table.dynamo(), table.name(), clock, BillingCalendar.platform(),
                TaxRule.indonesianVat(), Duration.ofDays(14));
    }

    @Test
    void renewal_firesOnceAtTermEnd_notBefore_notAgain() {
        subscribe("org-renew", "bm-renew");

        Map<String, Integer> dayBefore = sweep("2026-02-27T03:00:00Z");
        Map<String, Integer> hourBefore = sweep("2026-02-28T02:05:00Z");
        Map<String, Integer> atEnd = sweep("2026-02-28T03:05:00Z");
        Map<String, Integer> nextHour = sweep("2026-02-28T04:05:00Z");
        Map<String, Integer> nextDay = sweep("2026-03-01T03:05:00Z");

        assertEquals(Map.of(), dayBefore);
        assertEquals(Map.of("NOT_DUE", 1), hourBefore);
        assertEquals(Map.of("RENEWED_PAID", 1), atEnd);
        assertEquals(Map.of(), nextHour);
        assertEquals(Map.of(), nextDay);
        List<Invoice> invoices = invoicesByTerm("org-renew");
        assertEquals(2, invoices.size());
        assertEquals("bm-renew 2026-01-31T03:00:00Z/2026-02-28T03:00:00Z", invoices.get(0).reference());
        assertEquals("bm-renew 2026-02-28T03:00:00Z/2026-03-31T03:00:00Z", invoices.get(1).reference());
        assertEquals(100_000_000 - 2 * 9_990_000, balance(table, "org-renew"));
        BareMetalSubscription subscription = store().subscription("bm-renew").orElseThrow();
        assertEquals(2, subscription.termsCharged());
        assertEquals(Instant.parse("2026-03-31T03:00:00Z"), subscription.nextRenewalAt());
        assertAuditClean(table);
    }

    @Test
    void renewal_retriedTriggerWithTheOldSnapshot_chargesNothing() {
        subscribe("org-stale", "bm-stale");
        BareMetalSubscription before = store().subscription("bm-stale").orElseThrow();
        sweep("2026-02-28T03:05:00Z");

        // A retried invocation that read the index before the first run wrote.
        BareMetalWiring wiring = new BareMetalWiring(deps(table, clock), BareMetalSettings.defaults(), null);
        Optional<ChargeOutcome> again = wiring.charging.renew(before);

        assertTrue(again.orElseThrow().replayed());
        assertEquals(2, bareMetalInvoices(table, "org-stale").size());
        assertEquals(100_000_000 - 2 * 9_990_000, balance(table, "org-stale"));
        assertAuditClean(table);
    }

    @Test
    void cancel_stopsRenewals_doesNotRefund_andIsIdempotent() {
        subscribe("org-cancel", "bm-cancel");
        clock.set("2026-02-10T00:00:00Z");

        JsonNode cancelled = invoke(handler, postCancel("bm-cancel"));
        JsonNode again = invoke(handler, postCancel("bm-cancel"));
        Map<String, Integer> atEnd = sweep("2026-02-28T03:05:00Z");
        Map<String, Integer> manualDay = renewalsOn("2026-02-28");

        assertEquals(200, cancelled.path("statusCode").asInt(), cancelled.toString());
        assertEquals("CANCELLED", body(cancelled).path("status").asText());
        assertEquals(0, body(cancelled).path("refunded").asLong());
        assertTrue(body(cancelled).path("nextRenewalAt").isNull());
        assertEquals("2026-02-28T03:00:00.000Z", body(cancelled).path("currentTermEnd").asText());
        assertEquals(body(cancelled).path("cancelledAt"), body(again).path("cancelledAt"));
        assertEquals(Map.of(), atEnd);
        assertEquals(Map.of(), manualDay);
        assertEquals(1, bareMetalInvoices(table, "org-cancel").size());
        assertEquals(100_000_000 - 9_990_000, balance(table, "org-cancel"));
        assertProblem(invoke(handler, postCancel("bm-nobody")), 404, "not-found");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Integer> renewalsOn(String day) {
        return (Map<String, Integer>) renewals.handleRequest(Map.of("day", day), null).get("results");
    }

    /** A renewal prepared before a cancel commits after it: the renewal's transaction refuses, nothing is charged. */
    @Test
    void renewal_racingACancel_chargesNothing() {
        subscribe("org-race", "bm-race");
        clock.set("2026-02-28T03:05:00Z");
        DynamoBareMetalStore store = store();
        BareMetalSubscription active = store.subscription("bm-race").orElseThrow();
        BareMetalTerm term = BareMetalTerm.following(active.currentTermEnd(), 1,
                active.anchorDay(), BillingCalendar.PLATFORM_ZONE);
        BareMetalCharge renewal = new BareMetalCharge("org-race", "bm-race",
                active.sku(), active.listPrice(), active.listPrice(), term, true, "system:test");

        DynamoBareMetalStore.Prepared prepared = store.prepare(renewal);
        store.cancel("bm-race", "iam:test", clock.instant());
        Optional<?> written = store.commit(prepared);

        assertTrue(written.isEmpty());
        assertRenewalRefusedAsCancelled(() -> store.issue(renewal));
        assertEquals(1, bareMetalInvoices(table, "org-race").size());
        assertEquals(100_000_000 - 9_990_000, balance(table, "org-race"));
        assertAuditClean(table);
    }

    private static void assertRenewalRefusedAsCancelled(Runnable call) {
        StateConflictException refused = assertThrows(StateConflictException.class, call::run);
        assertEquals("baremetal-subscription-cancelled", refused.code());
    }

    @Test
    void subscriptions_listsTheOrgsServers_andNoOneElses() {
        subscribe("org-list", "bm-list-1");
        invoke(handler, postCharge(chargeBody(Map.of("orgId", "org-list", "serverId", "bm-list-2",
                "termMonths", 12, "start", START))));

        JsonNode mine = invoke(handler, HttpEvents.fromFile("http-baremetal-get-subscriptions.json").json()
                .replace("org-1", "org-list"));
        JsonNode theirs = invoke(handler, HttpEvents.route("GET", "/orgs/{orgId}/baremetal-subscriptions",
                Map.of("orgId", "org-list")).member("user-9", "org-other").json());

        assertEquals(200, mine.path("statusCode").asInt(), mine.toString());
        JsonNode items = body(mine).path("items");
        assertEquals(2, items.size());
        assertEquals("bm-list-1", items.get(0).path("serverId").asText());
        assertEquals(1, items.get(0).path("termMonths").asInt());
        assertEquals("2026-02-28T03:00:00.000Z", items.get(0).path("nextRenewalAt").asText());
        assertEquals("ACTIVE", items.get(0).path("status").asText());
        assertEquals("bm-list-2", items.get(1).path("serverId").asText());
        assertEquals("2027-01-31T03:00:00.000Z", items.get(1).path("nextRenewalAt").asText());
        assertProblem(theirs, 404, "not-found");
        assertTrue(sample("http-baremetal-get-subscriptions.json").contains("baremetal-subscriptions"));
    }
}
