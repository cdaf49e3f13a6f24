package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Log;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.dynamodb.LedgerAuditor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * [issue 9] Card registration end to end over real HTTP, through the local runtime with the sandbox gateway: the
 * org's billing admin starts a registration, the customer fills the sandbox's card form like a browser, the sandbox
 * calls our webhook, the settings show the masked card, the org is switched to postpaid, and the next monthly invoice
 * is charged to the saved token. Every log line of the runtime and its functions is captured, and neither it nor
 * any stored item may contain the test card's number.
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardRegistrationEndToEndIT {

    private static final String APPROVED = "4811111111111114";
    private static final String DECLINED = "4911111111111113";
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Pattern FORM = Pattern.compile(
            "<form method=\"post\"[^>]*? action=\"([^\"]+)\">(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input ([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z]+)=\"([^\"]*)\"");

    private final LedgerTable table;
    private final LocalRuntime runtime;
    private final LocalHttp http;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private String admin;

    CardRegistrationEndToEndIT(LedgerTable table) throws IOException {
        this.table = table;
        Log.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        this.runtime = LocalRuntime.start(LocalOptions.forTests(table.endpoint(), table.name()));
        this.http = new LocalHttp(runtime.baseUrl());
    }

    @BeforeAll
    void adminToken() {
        admin = http.token("{\"sub\":\"admin-1\",\"roles\":[\"admin\"]}");
    }

    @AfterAll
    void stop() {
        http.close();
        runtime.close();
        Log.redirect(System.out);
        // What was captured, for a person reading a failure (the build's target directory).
        try {
            java.nio.file.Files.write(java.nio.file.Path.of("target", "card-registration-e2e.log"), logs.toByteArray());
        } catch (IOException unwritable) {
            // only a diagnostic
        }
    }

    @Test
    void registration_onTheSandboxCardForm_savesTheCardAndTheNextMonthlyInvoiceIsChargedToIt() {
        String org = "org-card-e2e";
        open(org);
        String billingAdmin = billingAdmin(org);

        JsonNode started = startRegistration(org, billingAdmin);
        String page = openCardPage(started);
        assertTrue(page.contains("id=\"card-number\""), "the sandbox page has a card form");

        HttpResponse<String> paid = submitCard(page, "4811 1111 1111 1114", "12/30", "123");

        assertEquals(200, paid.statusCode(), paid.body());
        assertTrue(paid.body().contains("PAID"), paid.body());
        JsonNode settings = paymentMethod(org, billingAdmin);
        assertEquals("•••• 1114", settings.path("card").path("maskedNumber").asText(), settings.toString());
        assertEquals("ACTIVE", settings.path("card").path("status").asText());
        assertEquals(12, settings.path("card").path("expiryMonth").asInt());
        assertEquals(2030, settings.path("card").path("expiryYear").asInt());
        assertEquals("VISA", settings.path("card").path("brand").asText());
        assertEquals(10_000, credit(org, billingAdmin), "the verification amount is credited");

        HttpResponse<String> switched = http.send("PUT", "/admin/orgs/" + org + "/billing-account", admin,
                "{\"billingType\":\"POSTPAID\"}");
        assertEquals(200, switched.statusCode(), switched.body());

        JsonNode invoice = invoiceLastMonth(org, billingAdmin, 25_000);

        assertEquals("PAID", invoice.path("status").asText(), invoice.toString());
        assertEquals(0, invoice.path("amountDue").asLong(), invoice.toString());
        assertCardNumberNowhere(APPROVED);
        audit();
    }

    @Test
    void registration_withTheDeclinedTestCard_storesNoCardAndVoidsTheVerificationInvoice() {
        String org = "org-card-declined";
        open(org);
        String billingAdmin = billingAdmin(org);
        JsonNode started = startRegistration(org, billingAdmin);

        HttpResponse<String> declined = submitCard(openCardPage(started), DECLINED, "01/31", "999");

        assertEquals(200, declined.statusCode(), declined.body());
        assertTrue(declined.body().contains("FAILED"), declined.body());
        assertTrue(paymentMethod(org, billingAdmin).path("card").isNull());
        assertEquals(0, credit(org, billingAdmin));
        HttpResponse<String> invoice = http.send("GET", "/orgs/" + org + "/invoices/"
                + started.path("invoice").path("id").asText(), billingAdmin, null);
        assertEquals("VOID", LocalHttp.json(invoice).path("status").asText(), invoice.body());
        HttpResponse<String> postpaid = http.send("PUT", "/admin/orgs/" + org + "/billing-account", admin,
                "{\"billingType\":\"POSTPAID\"}");
        assertEquals(409, postpaid.statusCode(), postpaid.body());
        assertEquals("urn:problem-type:billing:payment-method-required",
                LocalHttp.json(postpaid).path("type").asText());
        assertCardNumberNowhere(DECLINED);
        audit();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void open(String org) {
        HttpResponse<String> account = http.send("PUT", "/admin/orgs/" + org + "/billing-account", admin,
                "{\"billingType\":\"PREPAID\"}");
        assertEquals(201, account.statusCode(), account.body());
    }

    private String billingAdmin(String org) {
        return http.token("{\"sub\":\"owner-1\",\"orgs\":[\"" + org + "\"],\"roles\":[\"billing-admin\"]}");
    }

    private JsonNode startRegistration(String org, String token) {
        HttpResponse<String> response = http.send("POST", "/orgs/" + org + "/payment-method/registrations", token,
                "{}");
        assertEquals(201, response.statusCode(), response.body());
        return LocalHttp.json(response);
    }

    private String openCardPage(JsonNode started) {
        URI url = URI.create(started.path("cardEntryUrl").asText());
        assertEquals(runtime.baseUrl().getPort(), url.getPort(), "the sandbox page is served by the local runtime");
        HttpResponse<String> page = http.send(http.request("GET", url.getRawPath() + "?" + url.getRawQuery(), null));
        assertEquals(200, page.statusCode(), page.body());
        return page.body();
    }

    /** Fills the card form (its hidden fields plus the card) and submits it, as a browser would. */
    private HttpResponse<String> submitCard(String page, String number, String expiry, String cvv) {
        Matcher form = FORM.matcher(page);
        while (form.find()) {
            if (!form.group(1).endsWith("/pay")) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                Matcher attribute = ATTRIBUTE.matcher(input.group(1));
                while (attribute.find()) {
                    attributes.put(attribute.group(1), attribute.group(2));
                }
                if ("hidden".equals(attributes.get("type"))) {
                    fields.put(attributes.get("name"), unescape(attributes.getOrDefault("value", "")));
                }
            }
            fields.put("card_number", number);
            fields.put("card_expiry", expiry);
            fields.put("card_cvv", cvv);
            List<String> encoded = new ArrayList<>();
            fields.forEach((name, value) -> encoded.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return http.send(http.request("POST", form.group(1), String.join("&", encoded))
                    .header("content-type", "application/x-www-form-urlencoded"));
        }
        throw new AssertionError("no card form on the page:\n" + page);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private JsonNode paymentMethod(String org, String token) {
        HttpResponse<String> response = http.send("GET", "/orgs/" + org + "/payment-method", token, null);
        assertEquals(200, response.statusCode(), response.body());
        return LocalHttp.json(response);
    }

    private long credit(String org, String token) {
        HttpResponse<String> billing = http.send("GET", "/orgs/" + org + "/billing", token, null);
        assertEquals(200, billing.statusCode(), billing.body());
        return LocalHttp.json(billing).path("credit").asLong();
    }

    /**
     * Records {@code rupiah} of usage in the month before this one, runs that month's invoicing, and returns the
     * org's usage invoice of that month.
     */
    private JsonNode invoiceLastMonth(String org, String token, long rupiah) {
        YearMonth period = YearMonth.now(JAKARTA).minusMonths(1);
        String sku = "e2e.card.compute";
        HttpResponse<String> price = http.send("PUT", "/admin/catalogue/skus/" + sku + "/prices", admin,
                "{\"unitPriceMicros\":1000000,\"effectiveFrom\":\"2026-01-01\",\"category\":\"compute\","
                        + "\"unit\":\"hour\"}");
        assertTrue(price.statusCode() == 200 || price.statusCode() == 201, price.body());
        ZonedDateTime start = ZonedDateTime.of(LocalDate.of(period.getYear(), period.getMonth(), 10),
                LocalTime.of(9, 0), JAKARTA);
        String record = "{\"records\":[{\"id\":\"" + org + "-u1\",\"orgId\":\"" + org + "\",\"resourceId\":\"vm-1\","
                + "\"sku\":\"" + sku + "\",\"quantity\":\"" + rupiah + "\",\"start\":\"" + start.toInstant()
                + "\",\"end\":\"" + start.plusHours(1).toInstant() + "\"}]}";
        HttpResponse<String> recorded = http.send(http.request("POST", "/internal/usage", record)
                .header("content-type", "application/json").header("x-local-iam-role", "platform-metering"));
        assertEquals(200, recorded.statusCode(), recorded.body());
        assertEquals(1, LocalHttp.json(recorded).path("accepted").asInt(), recorded.body());
        // The monthly schedule fired by hand for that month (InvoiceRunFunction has the gateway configured; it
        // issues in-process locally and charges postpaid invoices to the saved card).
        HttpResponse<String> run = http.send("POST", "/_local/schedules/InvoiceRunFunction", null,
                "{\"period\":\"" + period + "\"}");
        assertEquals(200, run.statusCode(), run.body());
        HttpResponse<String> list = http.send("GET", "/orgs/" + org + "/invoices", token, null);
        assertEquals(200, list.statusCode(), list.body());
        for (JsonNode item : LocalHttp.json(list).path("items")) {
            if ("USAGE".equals(item.path("type").asText())) {
                HttpResponse<String> invoice = http.send("GET", "/orgs/" + org + "/invoices/"
                        + item.path("id").asText(), token, null);
                return LocalHttp.json(invoice);
            }
        }
        throw new AssertionError("no usage invoice: " + list.body());
    }

    /** The card's digits (with or without spaces) are in no captured log line and no stored item. */
    private void assertCardNumberNowhere(String number) {
        String spaced = number.replaceAll("(\\d{4})(?=\\d)", "$1 ");
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertFalse(logged.isEmpty(), "log lines were captured");
        assertFalse(logged.contains(number) || logged.contains(spaced), "a log line holds the card number");
        String stored = TableSnapshot.of(table).items().toString();
        assertFalse(stored.contains(number) || stored.contains(spaced), "a stored item holds the card number");
        assertFalse(stored.contains(number.substring(0, 12)), "a stored item holds most of the card number");
    }

    private void audit() {
        LedgerAuditor.Report audit = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertTrue(audit.clean(), audit.toString());
    }
}
