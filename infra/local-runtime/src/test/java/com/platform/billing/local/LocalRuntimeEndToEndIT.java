package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.dynamodb.LedgerAuditor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The end-to-end test: the real template.yaml and functions, driven over real HTTP. */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRuntimeEndToEndIT {

    private final LedgerTable table;
    private final LocalRuntime runtime;
    private final LocalHttp http;

    LocalRuntimeEndToEndIT(LedgerTable table) throws IOException {
        this.table = table;
        // The command line's own path (the repository's template, its defaults).
        this.runtime = LocalRuntime.start(LocalOptions.parse(new String[] {"--port", "0", "--endpoint",
                table.endpoint().toString(), "--table", table.name()}, java.util.Map.of()));
        this.http = new LocalHttp(runtime.baseUrl());
    }

    @AfterAll
    void stop() {
        http.close();
        runtime.close();
    }

    @Test
    void creditAdjustment_thenBillingRead_overRealHttp() {
        String admin = http.token("{\"sub\":\"admin-1\",\"roles\":[\"admin\"]}");

        HttpResponse<String> account = http.send("PUT", "/admin/orgs/org-1/billing-account", admin,
                "{\"billingType\":\"PREPAID\"}");
        HttpResponse<String> adjustment = http.send("POST", "/admin/orgs/org-1/credit-adjustments", admin,
                "{\"amount\":150000,\"reason\":\"welcome credit\"}");
        String member = http.token("{\"sub\":\"user-1\",\"orgs\":[\"org-1\"],\"roles\":[]}");
        HttpResponse<String> billing = http.send("GET", "/orgs/org-1/billing", member, null);

        assertEquals(201, account.statusCode(), account.body());
        assertEquals(201, adjustment.statusCode(), adjustment.body());
        assertEquals(200, billing.statusCode(), billing.body());
        JsonNode view = LocalHttp.json(billing);
        assertEquals(150000, view.path("credit").asLong());
        assertEquals("IDR", view.path("currency").asText());
        assertEquals("PREPAID", view.path("billingType").asText());

        String outsider = http.token("{\"sub\":\"user-2\",\"orgs\":[\"org-2\"]}");
        HttpResponse<String> foreign = http.send("GET", "/orgs/org-1/billing", outsider, null);
        assertEquals(404, foreign.statusCode());
        assertEquals("urn:problem-type:billing:not-found", LocalHttp.json(foreign).path("type").asText());
        assertEquals(401, http.send("GET", "/orgs/org-1/billing", null, null).statusCode());
        HttpResponse<String> notAdmin = http.send("POST", "/admin/orgs/org-1/credit-adjustments", member,
                "{\"amount\":1,\"reason\":\"sneaky\"}");
        assertEquals(403, notAdmin.statusCode());

        LedgerAuditor.Report audit = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertTrue(audit.clean(), audit.toString());
    }

    @Test
    void ready_printsTheBaseUrl() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        runtime.printReady(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertTrue(out.toString(StandardCharsets.UTF_8).contains("http://127.0.0.1:" + runtime.baseUrl().getPort()),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyFunctionOfTheTemplate_initialisesLocally() {
        JsonNode functions = LocalHttp.json(http.send("GET", "/_local/functions", null, null)).path("functions");

        assertEquals(com.platform.billing.devkit.Template.load().functions().size(), functions.size());
        functions.forEach(f -> assertTrue(f.path("available").asBoolean(), "not available locally: " + f));
    }

    @Test
    void everyTemplateRoute_isServed_orAnswersAProblemNeverA404() {
        String admin = http.token("{\"sub\":\"admin-1\",\"roles\":[\"admin\"]}");
        com.platform.billing.devkit.Template.load().httpRoutes().forEach(route -> {
            String path = route.path().replaceAll("\\{[^}]+}", "x-1");
            HttpResponse<String> response = http.send(route.method(), path, route.auth().equals("JWT") ? admin : null,
                    route.method().equals("GET") ? null : "{}");
            assertTrue(response.statusCode() != 404 || response.body().contains("billing:not-found")
                            && !response.body().contains("No route of template.yaml"),
                    route + " → " + response.statusCode() + " " + response.body());
            assertTrue(response.statusCode() != 405, route + " → 405");
        });
    }
}
