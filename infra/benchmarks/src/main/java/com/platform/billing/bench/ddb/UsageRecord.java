package com.platform.billing.bench.ddb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.functions.usage.CatalogueAdminHandler;
import com.platform.billing.functions.usage.UsageRecorderHandler;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * POST /internal/usage (IAM auth, the sample event's platform role) with a batch of {@link #RECORDS} new records for
 * an org with an account, on a warm container whose catalogue is cached (a warm-up batch of one record loaded it).
 * Budget (issue 5): at most one request per record, i.e. {@code requests <= RECORDS} over the batch; the line adds
 * {@code records=} and {@code requests_per_record=}.
 */
final class UsageRecord implements DdbOperation {

    static final int RECORDS = 10;

    /** SKUs of three invoiced categories, so the batch writes lines, totals and the billable-index entry. */
    private static final String[][] SKUS = {
            {"compute.standard-2", "compute", "hour", "1250000000"},
            {"volume.ssd", "volume", "GB-month", "1500000000"},
            {"object-storage.standard", "object_storage", "GB-month", "450000000"}};

    private String org;
    private Instant start;

    @Override
    public String name() {
        return "usage_record";
    }

    @Override
    public Budget budget() {
        return Budget.of(Budget.atMostRequests(RECORDS));
    }

    @Override
    public String details(Usage usage) {
        return " records=" + RECORDS + " requests_per_record="
                + String.format(Locale.ROOT, "%.2f", usage.total() / (double) RECORDS);
    }

    @Override
    public void setUp(DdbContext bench) {
        CatalogueAdminHandler catalogue = bench.handler(CatalogueAdminHandler.class);
        for (String[] sku : SKUS) {
            // the first price of an SKU may carry any date; this one is in effect for every record below
            bench.http(catalogue, HttpEvents.route("PUT", "/admin/catalogue/skus/{sku}/prices", Map.of("sku", sku[0]))
                    .admin(Fixtures.ADMIN)
                    .body("{\"unitPriceMicros\":" + sku[3] + ",\"effectiveFrom\":\"2020-01-01\",\"category\":\""
                            + sku[1] + "\",\"unit\":\"" + sku[2] + "\"}"));
        }
        org = bench.newOrg("bench-usage");
        Fixtures.account(bench, org, "PREPAID", 0);
        // an hour that has ended, within the current month's records (the end may not be in the future)
        start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        record(bench, "warm-up", 1); // loads the catalogue into the container's cache
    }

    @Override
    public void measure(DdbContext bench) {
        record(bench, "batch", RECORDS);
    }

    private void record(DdbContext bench, String prefix, int count) {
        ArrayNode records = Json.MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            String[] sku = SKUS[i % SKUS.length];
            records.addObject()
                    .put("id", prefix + "-" + i)
                    .put("orgId", org)
                    .put("resourceId", "bench-" + sku[1] + "-" + i)
                    .put("sku", sku[0])
                    .put("quantity", "1.5")
                    .put("start", start.toString())
                    .put("end", start.plus(1, ChronoUnit.HOURS).toString());
        }
        ObjectNode body = Json.object();
        body.set("records", records);
        JsonNode answer = bench.http(handler(bench),
                HttpEvents.fromFile("http-usage-post-internal.json").body(body.toString()));
        if (answer.path("accepted").asInt() != count) { // a rejected record costs less: the wrong path
            throw new IllegalStateException("not every record was accepted: " + answer);
        }
    }

    private static UsageRecorderHandler handler(DdbContext bench) {
        return bench.handler(UsageRecorderHandler.class, defaultSettings());
    }

    /**
     * The usage function's default settings (catalogue cached 60 s, any internal caller account), through its
     * package-private {@code UsageSettings.defaults()}, the seam its own tests use.
     */
    static Object defaultSettings() {
        try {
            Method defaults = Class.forName("com.platform.billing.functions.usage.UsageSettings")
                    .getDeclaredMethod("defaults");
            defaults.setAccessible(true);
            return defaults.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the usage function's settings", e);
        }
    }
}
