package com.platform.billing.functions.usage;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Dependencies;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LambdaJson;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.StreamHandlers;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.dynamodb.DynamoAccountStore;
import java.time.Clock;
import java.util.Map;

/** What the usage ITs share: seeding, invoking the stream handler with event JSON, reading answers. */
final class UsageFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private UsageFixtures() {
    }

    static Dependencies deps(LedgerTable table, Clock clock) {
        return Dependencies.of(table.dynamo(), table.name(), clock);
    }

    static void openAccount(LedgerTable table, String org, Clock clock) {
        new DynamoAccountStore(table.dynamo(), table.name())
                .createIfAbsent(BillingAccount.open(org, BillingType.PREPAID, "IDR", clock.instant()));
    }

    /** Sets a price through the admin route (the first price of an SKU may carry any date). */
    static void price(CatalogueAdminHandler admin, String sku, String category, String unit, long micros,
                      String from) {
        var event = HttpEvents.route("PUT", "/admin/catalogue/skus/{sku}/prices", Map.of("sku", sku))
                .admin("admin-1").body("{\"unitPriceMicros\":" + micros + ",\"effectiveFrom\":\"" + from
                        + "\",\"category\":\"" + category + "\",\"unit\":\"" + unit + "\"}").build();
        int status = admin.handleRequest(event, null).getStatusCode();
        if (status != 201 && status != 200) {
            throw new IllegalStateException("seeding price of " + sku + " answered " + status);
        }
    }

    /** The catalogue the sample events in infra/events use. */
    static void sampleCatalogue(CatalogueAdminHandler admin) {
        price(admin, "compute.standard-2", "compute", "hour", 1_250_000_000L, "2026-01-01");
        price(admin, "volume.ssd", "volume", "GB-month", 1_500_000_000L, "2026-01-01");
        price(admin, "ip.public-v4", "ip", "hour", 50_000_000L, "2026-01-01");
        price(admin, "object-storage.standard", "object_storage", "GB-month", 450_000_000L, "2026-01-01");
        price(admin, "bare-metal.m1", "bare_metal", "month", 9_000_000_000_000L, "2026-01-01");
    }

    /** POSTs {@code {"records": records}} to /internal/usage as the platform's IAM role (sample event). */
    static JsonNode post(UsageRecorderHandler handler, ArrayNode records) {
        ObjectNode body = JSON.createObjectNode();
        body.set("records", records);
        return StreamHandlers.invoke(handler, HttpEvents.fromFile("http-usage-post-internal.json").body(body.toString()).json());
    }

    static ObjectNode record(String id, String org, String sku, String quantity, String start, String end) {
        return JSON.createObjectNode().put("id", id).put("orgId", org).put("resourceId", "res-" + id).put("sku", sku)
                .put("quantity", quantity).put("start", start).put("end", end);
    }

    static ArrayNode records(ObjectNode... records) {
        ArrayNode array = JSON.createArrayNode();
        for (ObjectNode record : records) {
            array.add(record);
        }
        return array;
    }

    /** The event as the Lambda runtime's own serializer reads it (to compare with the stream handler's mapping). */
    static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent lambdaView(String json) {
        return LambdaJson.fromJson(json, com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.class);
    }
}
