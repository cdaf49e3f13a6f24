package com.platform.billing.functions.baremetal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.usage.PriceCatalogue;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.UsageUnit;
import com.platform.billing.dynamodb.DynamoAccountStore;
import com.platform.billing.dynamodb.DynamoLedger;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.billingrun.PaymentMethodItems;
import com.platform.billing.dynamodb.invoice.DynamoInvoiceStore;
import com.platform.billing.dynamodb.usage.DynamoCatalogueStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** What the bare-metal ITs share: seeding through the real ledger code, invoking the handler with event JSON. */
final class BareMetalFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private BareMetalFixtures() {
    }

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(String now) {
            this.now = Instant.parse(now);
        }

        void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static Dependencies deps(LedgerTable table, Clock clock) {
        return Dependencies.of(table.dynamo(), table.name(), clock);
    }

    static void openAccount(LedgerTable table, String org, BillingType type, Clock clock) {
        new DynamoAccountStore(table.dynamo(), table.name())
                .createIfAbsent(BillingAccount.open(org, type, "IDR", clock.instant()));
    }

    static void credit(LedgerTable table, String org, long amount, Clock clock) {
        new DynamoLedger(table.dynamo(), table.name(), clock).apply(new Transfer(
                TransferId.of("adjustment", org, "seed-" + amount), org, TransferKind.ADJUSTMENT,
                Money.of(amount, "IDR"), "", "admin-1", "seed"));
    }

    static long balance(LedgerTable table, String org) {
        return new DynamoAccountStore(table.dynamo(), table.name()).find(org).orElseThrow().balance().amount();
    }

    static void saveCard(LedgerTable table, String org, Clock clock) {
        SavedCard card = new SavedCard(org, "sandbox", "tok_" + org, "visa", "•••• 4242", 12, 2030, "admin-1",
                clock.instant());
        table.dynamo().putItem(r -> r.tableName(table.name()).item(PaymentMethodItems.toItem(card)));
    }

    /** The sample catalogue's bare-metal SKU: IDR 9,000,000 a month from 2026-01-01. */
    static void catalogue(LedgerTable table, Clock clock) {
        new PriceCatalogue(new DynamoCatalogueStore(table.dynamo(), table.name(), clock), BillingCalendar.platform(),
                clock).setPrice("bare-metal.m1", SkuCategory.BARE_METAL, UsageUnit.fromWire("month", "unit"),
                9_000_000_000_000L, LocalDate.parse("2026-01-01"), "admin-1");
    }

    static List<Invoice> bareMetalInvoices(LedgerTable table, String org) {
        return new DynamoInvoiceStore(table.dynamo(), table.name()).list(org, InvoiceType.BAREMETAL, null, null, 100)
                .items();
    }

    static boolean eventExists(LedgerTable table, String eventId) {
        return table.dynamo().getItem(r -> r.tableName(table.name())
                .key(Items.key(Keys.eventPk(eventId), Keys.eventSk())).consistentRead(true)).hasItem();
    }

    static void assertAuditClean(LedgerTable table) {
        LedgerAuditor.Report report = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertEquals(List.of(), report.differences());
    }

    static String sample(String name) {
        try {
            return Files.readString(RepoRoot.events().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The charge request body of the sample event with some fields replaced. */
    static String chargeBody(Map<String, Object> overrides) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(JSON.readTree(sample("http-baremetal-post-charge.json"))
                    .path("body").asText());
            overrides.forEach((field, value) -> {
                if (value == null) {
                    body.remove(field);
                } else {
                    body.set(field, JSON.valueToTree(value));
                }
            });
            return body.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST /internal/baremetal-charges as the platform's IAM role (the sample event) with {@code body}. */
    static String postCharge(String body) {
        return HttpEvents.fromFile("http-baremetal-post-charge.json").body(body).json();
    }

    static String postCancel(String serverId) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(sample("http-baremetal-post-cancel.json"));
            event.put("rawPath", "/internal/baremetal-charges/" + serverId + "/cancel");
            ((ObjectNode) event.get("pathParameters")).put("serverId", serverId);
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Invokes the stream handler exactly as Lambda does: event JSON in, response JSON out. */
    static JsonNode invoke(BareMetalChargeHandler handler, String eventJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertProblem(JsonNode response, int status, String type) {
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals("application/problem+json", response.path("headers").path("content-type").asText());
        assertEquals("urn:problem-type:billing:" + type, body(response).path("type").asText(), response.toString());
    }
}
