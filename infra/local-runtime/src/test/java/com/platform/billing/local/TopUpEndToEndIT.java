package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.dynamodb.LedgerAuditor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * [issue 3] The top-up flow end to end over real HTTP, through the local runtime with the sandbox gateway: the
 * console asks for a top-up, the customer opens the payment page and presses Pay (or Fail) like a browser, the
 * sandbox calls our webhook like a real gateway, and the billing page shows the result.
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopUpEndToEndIT {

    private static final Pattern FORM = Pattern.compile(
            "<form method=\"post\" action=\"([^\"]+)\">(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input ([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z]+)=\"([^\"]*)\"");

    private final LedgerTable table;
    private final LocalRuntime runtime;
    private final LocalHttp http;
    private String member;

    TopUpEndToEndIT(LedgerTable table) throws IOException {
        this.table = table;
        this.runtime = LocalRuntime.start(LocalOptions.forTests(table.endpoint(), table.name()));
        this.http = new LocalHttp(runtime.baseUrl());
    }

    @BeforeAll
    void openAccount() {
        String admin = http.token("{\"sub\":\"admin-1\",\"roles\":[\"admin\"]}");
        HttpResponse<String> account = http.send("PUT", "/admin/orgs/org-1/billing-account", admin,
                "{\"billingType\":\"PREPAID\"}");
        assertEquals(201, account.statusCode(), account.body());
        member = http.token("{\"sub\":\"user-1\",\"orgs\":[\"org-1\"],\"roles\":[]}");
    }

    @AfterAll
    void stop() {
        http.close();
        runtime.close();
    }

    @Test
    void topUp_payOnTheSandboxPage_creditsAndPaysTheInvoice() {
        JsonNode inquiry = inquire(100_000);
        String page = openPaymentPage(inquiry);

        HttpResponse<String> paid = submit(page, "/pay");

        assertEquals(200, paid.statusCode(), paid.body());
        assertTrue(paid.body().contains("PAID"), paid.body());
        assertEquals(100_000, credit());
        JsonNode invoice = invoice(inquiry);
        assertEquals("PAID", invoice.path("status").asText());
        assertEquals(111_000, invoice.path("amountPaid").asLong());
        assertEquals(11_000, invoice.path("taxLines").get(0).path("amount").asLong());
        JsonNode topUp = topUp(inquiry.path("orderId").asText());
        assertEquals("PAID", topUp.path("status").asText());
        assertTrue(topUp.path("referenceNumber").asText().startsWith("SBX"), topUp.toString());
        audit();
    }

    @Test
    void topUp_failOnTheSandboxPage_creditsNothingAndVoidsTheInvoice() {
        long before = credit();
        JsonNode inquiry = inquire(60_000);
        String page = openPaymentPage(inquiry);

        HttpResponse<String> failed = submit(page, "/fail");

        assertEquals(200, failed.statusCode(), failed.body());
        assertEquals(before, credit());
        assertEquals("VOID", invoice(inquiry).path("status").asText());
        assertEquals("FAILED", topUp(inquiry.path("orderId").asText()).path("status").asText());
        audit();
    }

    private JsonNode inquire(long amount) {
        HttpResponse<String> response = http.send("POST", "/orgs/org-1/topups", member,
                "{\"amount\":" + amount + "}");
        assertEquals(201, response.statusCode(), response.body());
        return LocalHttp.json(response);
    }

    /** GETs the payment page the inquiry returned, as the customer's browser would. */
    private String openPaymentPage(JsonNode inquiry) {
        URI url = URI.create(inquiry.path("paymentUrl").asText());
        assertEquals(runtime.baseUrl().getPort(), url.getPort(), "the sandbox page is served by the local runtime");
        HttpResponse<String> page = http.send(http.request("GET", url.getRawPath() + "?" + url.getRawQuery(), null));
        assertEquals(200, page.statusCode(), page.body());
        return page.body();
    }

    /** Submits the page's form whose action ends with {@code actionSuffix}: hidden fields and the checked radio. */
    private HttpResponse<String> submit(String page, String actionSuffix) {
        Matcher form = FORM.matcher(page);
        while (form.find()) {
            if (!form.group(1).endsWith(actionSuffix)) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                String type = "";
                String name = "";
                String value = "";
                boolean checked = input.group(1).contains(" checked");
                Matcher attribute = ATTRIBUTE.matcher(input.group(1));
                while (attribute.find()) {
                    switch (attribute.group(1)) {
                        case "type" -> type = attribute.group(2);
                        case "name" -> name = attribute.group(2);
                        case "value" -> value = unescape(attribute.group(2));
                        default -> { }
                    }
                }
                if (type.equals("hidden") || type.equals("radio") && checked) {
                    fields.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
            HttpRequest.Builder post = http.request("POST", form.group(1), String.join("&", fields))
                    .header("content-type", "application/x-www-form-urlencoded");
            return http.send(post);
        }
        throw new AssertionError("no form posting to *" + actionSuffix + " on the payment page:\n" + page);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private long credit() {
        HttpResponse<String> billing = http.send("GET", "/orgs/org-1/billing", member, null);
        assertEquals(200, billing.statusCode(), billing.body());
        return LocalHttp.json(billing).path("credit").asLong();
    }

    private JsonNode invoice(JsonNode inquiry) {
        HttpResponse<String> invoice = http.send("GET", "/orgs/org-1/invoices/"
                + inquiry.path("invoice").path("id").asText(), member, null);
        assertEquals(200, invoice.statusCode(), invoice.body());
        return LocalHttp.json(invoice);
    }

    private JsonNode topUp(String orderId) {
        HttpResponse<String> list = http.send("GET", "/orgs/org-1/topups", member, null);
        assertEquals(200, list.statusCode(), list.body());
        for (JsonNode item : LocalHttp.json(list).path("items")) {
            if (item.path("orderId").asText().equals(orderId)) {
                return item;
            }
        }
        throw new AssertionError("top-up " + orderId + " not listed: " + list.body());
    }

    private void audit() {
        LedgerAuditor.Report audit = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertTrue(audit.clean(), audit.toString());
    }
}
