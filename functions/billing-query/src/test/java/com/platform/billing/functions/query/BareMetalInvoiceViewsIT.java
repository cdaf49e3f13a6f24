package com.platform.billing.functions.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.baremetal.BareMetalCharge;
import com.platform.billing.domain.baremetal.BareMetalTerm;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.baremetal.DynamoBareMetalStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bare-metal invoices on the billing page: server id and term shown; never in ongoing usage. */
@WithLedgerTable
class BareMetalInvoiceViewsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
    private final LedgerTable table;
    private final BillingQueryHandler handler;

    BareMetalInvoiceViewsIT(LedgerTable table) {
        this.table = table;
        this.handler = new BillingQueryHandler(Dependencies.of(table.dynamo(), table.name(), clock));
    }

    private JsonNode get(String routePath, Map<String, String> path) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpEvents.route("GET", routePath, path)
                .member("user-1", "org-bm").build(), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody());
    }

    @Test
    void invoicesAndBilling_showTheTermAndLeaveOngoingUsageAlone() throws Exception {
        new DynamoAccountStore(table.dynamo(), table.name())
                .createIfAbsent(BillingAccount.open("org-bm", BillingType.PREPAID, "IDR", clock.instant()));
        new DynamoLedger(table.dynamo(), table.name(), clock).apply(new Transfer(TransferId.of("adjustment",
                "org-bm", "seed"), "org-bm", TransferKind.ADJUSTMENT, Money.of(50_000_000, "IDR"), "", "admin-1",
                "seed"));
        Money price = Money.of(9_000_000, "IDR");
        new DynamoBareMetalStore(table.dynamo(), table.name(), clock, BillingCalendar.platform(),
                TaxRule.indonesianVat(), Duration.ofDays(14)).issue(new BareMetalCharge("org-bm", "bm-42",
                "bare-metal.m1", price, price, BareMetalTerm.first(Instant.parse("2026-11-27T03:00:00Z"), 3,
                BillingCalendar.PLATFORM_ZONE), false, "iam:test"));

        JsonNode list = get("/orgs/{orgId}/invoices", Map.of("orgId", "org-bm"));
        JsonNode item = list.path("items").get(0);
        JsonNode detail = get("/orgs/{orgId}/invoices/{invoiceId}", Map.of("orgId", "org-bm",
                "invoiceId", item.path("id").asText()));
        JsonNode billing = get("/orgs/{orgId}/billing", Map.of("orgId", "org-bm"));

        assertEquals("BAREMETAL", item.path("type").asText());
        assertEquals("bm-42", item.path("serverId").asText());
        assertEquals("2026-11-27T03:00:00.000Z", item.path("termStart").asText());
        assertEquals("2027-02-27T03:00:00.000Z", item.path("termEnd").asText());
        assertEquals(3, item.path("termMonths").asInt());
        assertEquals("bm-42", detail.path("serverId").asText());
        assertFalse(detail.path("lines").get(0).path("description").asText().isEmpty());
        assertEquals(0, billing.path("ongoingUsage").asLong());
        assertEquals(50_000_000 - 29_970_000, billing.path("credit").asLong());
        assertEquals(50_000_000 - 29_970_000, billing.path("remainingCredit").asLong());
    }
}
