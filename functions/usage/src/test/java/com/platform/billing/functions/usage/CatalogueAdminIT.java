package com.platform.billing.functions.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.MutableClock;
import com.platform.billing.devkit.WithLedgerTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin price catalogue routes, through real API Gateway events. */
@WithLedgerTable
class CatalogueAdminIT {

    /** 2026-11-27 11:00 in Jakarta. */
    private final MutableClock clock = new MutableClock("2026-11-27T04:00:00Z");
    private final LedgerTable table;
    private final CatalogueAdminHandler handler;

    CatalogueAdminIT(LedgerTable table) {
        this.table = table;
        this.handler = new CatalogueAdminHandler(UsageFixtures.deps(table, clock));
    }

    private APIGatewayV2HTTPResponse put(String sku, String body) {
        return handler.handleRequest(HttpEvents.route("PUT", "/admin/catalogue/skus/{sku}/prices", Map.of("sku", sku))
                .admin("admin-1").body(body).build(), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws Exception {
        return UsageFixtures.JSON.readTree(response.getBody());
    }

    private static String price(long micros, String from, String category, String unit) {
        return "{\"unitPriceMicros\":" + micros + ",\"effectiveFrom\":\"" + from + "\",\"category\":\"" + category
                + "\",\"unit\":\"" + unit + "\"}";
    }

    @Test
    void putPrice_whenSampleEvent_createsTheSkuWithItsFirstPrice() throws Exception {
        var response = handler.handleRequest(HttpEvents.fromFile("http-usage-catalogue-put-price.json").build(), null);

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode sku = json(response);
        assertEquals("compute.standard-2", sku.path("sku").asText());
        assertEquals("compute", sku.path("category").asText());
        assertEquals("1250", sku.path("prices").get(0).path("unitPrice").asText());
        assertTrue(sku.path("currentPrice").isNull(), "effective from 2026-12-01, not yet in effect");
    }

    @Test
    void putPrice_whenRepeated_isIdempotentAndListedOnce() throws Exception {
        String body = price(450_000_000L, "2026-01-01", "object_storage", "GB-month");
        assertEquals(201, put("object-storage.standard", body).getStatusCode());
        table.counter().reset();

        var again = put("object-storage.standard", body);

        assertEquals(200, again.getStatusCode());
        assertEquals("unchanged", json(again).path("change").asText());
        assertEquals(0, table.counter().itemsWritten());
        JsonNode list = json(handler.handleRequest(HttpEvents.fromFile("http-usage-catalogue-list-skus.json").build(),
                null));
        List<JsonNode> items = new java.util.ArrayList<>();
        list.path("items").forEach(items::add);
        JsonNode storage = items.stream().filter(i -> i.path("sku").asText().equals("object-storage.standard"))
                .findFirst().orElseThrow();
        assertEquals(1, storage.path("prices").size());
        assertEquals(450_000_000L, storage.path("currentPrice").path("unitPriceMicros").asLong());
        assertEquals("admin-1", storage.path("currentPrice").path("setBy").asText());
    }

    @Test
    void putPrice_whenAChangeWouldTakeEffectToday_isRefusedWith422() throws Exception {
        assertEquals(201, put("ip.public-v4", price(50_000_000L, "2026-01-01", "ip", "hour")).getStatusCode());

        var today = put("ip.public-v4", price(60_000_000L, "2026-11-27", "ip", "hour"));

        assertEquals(422, today.getStatusCode());
        assertEquals("urn:problem-type:billing:price-change-too-soon", json(today).path("type").asText());
        assertTrue(json(today).path("detail").asText().contains("2026-11-28"));
        assertEquals(201, put("ip.public-v4", price(60_000_000L, "2026-11-28", "ip", "hour")).getStatusCode());
    }

    @Test
    void putPrice_whenCategoryChanges_isRefusedWith409() throws Exception {
        assertEquals(201, put("volume.hdd", price(500_000_000L, "2026-01-01", "volume", "GB-month")).getStatusCode());

        var conflict = put("volume.hdd", price(500_000_000L, "2026-12-01", "snapshot", "GB-month"));

        assertEquals(409, conflict.getStatusCode());
        assertEquals("urn:problem-type:billing:sku-definition-conflict", json(conflict).path("type").asText());
    }

    @Test
    void putPrice_whenBodyOrPathIsBad_answers400ProblemAndWritesNothing() throws Exception {
        table.counter().reset();
        Map<String, String> bad = Map.of(
                "{\"unitPriceMicros\":1.5,\"effectiveFrom\":\"2026-12-01\",\"category\":\"compute\",\"unit\":\"hour\"}",
                "unitPriceMicros",
                "{\"unitPriceMicros\":\"15\",\"effectiveFrom\":\"2026-12-01\",\"category\":\"compute\","
                        + "\"unit\":\"hour\"}",
                "",
                "{\"unitPriceMicros\":-1,\"effectiveFrom\":\"2026-12-01\",\"category\":\"compute\",\"unit\":\"hour\"}",
                "unitPriceMicros",
                "{\"unitPriceMicros\":1,\"effectiveFrom\":\"2026-02-30\",\"category\":\"compute\",\"unit\":\"hour\"}",
                "effectiveFrom",
                "{\"unitPriceMicros\":1,\"effectiveFrom\":\"2026-12-01\",\"category\":\"gpu\",\"unit\":\"hour\"}",
                "category",
                "{\"unitPriceMicros\":1,\"effectiveFrom\":\"2026-12-01\",\"category\":\"compute\",\"unit\":\"day\"}",
                "unit",
                "{\"unitPriceMicros\":1,\"effectiveFrom\":\"2026-12-01\",\"category\":\"compute\",\"unit\":\"hour\","
                        + "\"currency\":\"USD\"}", "",
                "{\"unitPriceMicros\":99999999999999999999,\"effectiveFrom\":\"2026-12-01\",\"category\":\"compute\","
                        + "\"unit\":\"hour\"}", "unitPriceMicros");
        for (var entry : bad.entrySet()) {
            var response = put("compute.bad", entry.getKey());
            assertEquals(400, response.getStatusCode(), entry.getKey());
            assertEquals("application/problem+json", response.getHeaders().get("content-type"));
            JsonNode problem = json(response);
            if (!entry.getValue().isEmpty()) {
                assertEquals(entry.getValue(), problem.path("errors").get(0).path("field").asText(), entry.getKey());
            }
        }
        var badSku = put("Compute#1", price(1, "2026-12-01", "compute", "hour"));
        assertEquals(400, badSku.getStatusCode());
        assertEquals(0, table.counter().itemsWritten());
    }

    @Test
    void routes_whenCallerIsNotAdmin_areForbidden() throws Exception {
        var member = handler.handleRequest(HttpEvents.route("GET", "/admin/catalogue/skus", Map.of())
                .member("user-1", "org-1").build(), null);
        var put = handler.handleRequest(HttpEvents.route("PUT", "/admin/catalogue/skus/{sku}/prices",
                Map.of("sku", "compute.x")).member("user-1", "org-1").body(price(1, "2026-12-01", "compute", "hour"))
                .build(), null);
        var anonymous = handler.handleRequest(HttpEvents.route("GET", "/admin/catalogue/skus", Map.of())
                .withoutAuthorizer().build(), null);

        assertEquals(403, member.getStatusCode());
        assertEquals("urn:problem-type:billing:forbidden", json(member).path("type").asText());
        assertEquals(403, put.getStatusCode());
        assertEquals(401, anonymous.getStatusCode());
    }
}
