package com.platform.billing.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.local.LocalOptions;
import com.platform.billing.local.LocalRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * [issue 7] The billing page (infra/web) in a real browser: Debian's chromium, headless, against the local runtime
 * (every function in-process, the sandbox gateway's pages at /_sandbox/) on the harness's moto. Each test signs in
 * through the page's "sign in as" picker, works the page like a customer, saves a screenshot under
 * target/screenshots/ and ends with a clean browser console.
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingPageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "org-web";

    private final LedgerTable table;
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalRuntime runtime;
    private Browser browser;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String testName;
    /** A console error the test provokes on purpose (a refused API call logs "Failed to load resource …"). */
    private Predicate<String> expectedConsoleError = message -> false;

    BillingPageIT(LedgerTable table) {
        this.table = table;
    }

    @BeforeAll
    void start() {
        Optional<Path[]> chromium = Browser.find();
        assumeTrue(chromium.isPresent(), "chromium and chromedriver are not installed (apt-get install chromium"
                + " chromium-driver, or infra/scripts/ensure-tools.sh as root): the billing page's browser tests skip");
        try {
            runtime = LocalRuntime.start(LocalOptions.forTests(table.endpoint(), table.name())
                    .withWebDir(RepoRoot.get().resolve("infra/web")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String admin = token("{\"sub\":\"admin-1\",\"roles\":[\"admin\"]}");
        HttpResponse<String> account = send("PUT", "/admin/orgs/" + ORG + "/billing-account", admin,
                "{\"billingType\":\"PREPAID\"}");
        assertTrue(account.statusCode() == 201 || account.statusCode() == 200, account.body());
        browser = Browser.start(chromium.get());
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @BeforeEach
    void freshTab(TestInfo info) {
        testName = info.getTestMethod().orElseThrow().getName();
        expectedConsoleError = message -> false;
        driver.manage().window().setSize(new Dimension(1280, 2000));
        // A same-origin page without the app, so clearing the session races no request of a loading page.
        driver.get(base("/_local/health"));
        driver.executeScript("sessionStorage.clear()");
        browser.console();
    }

    @AfterEach
    void screenshotAndConsole() {
        browser.screenshot(testName);
        List<LogEntry> errors = browser.console().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !expectedConsoleError.test(e.getMessage()))
                .toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "browser console errors");
    }

    @Test
    void topUp_payOnTheSandboxPage_creditGrowsBy100000() {
        signIn("user-1", ORG, false);
        long before = amount("credit");

        topUpAndOpenGateway(100_000);
        assertEquals("Rp 11.000", text("confirm-tax").replace('\u00a0', ' '));
        assertEquals("Rp 111.000", text("confirm-total").replace('\u00a0', ' '));
        driver.findElement(By.id("topup-pay")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("form[action$='/pay'] button"))).click();

        awaitReady();
        WebElement result = driver.findElement(By.id("topup-result"));
        assertEquals("PAID", result.getAttribute("data-status"));
        assertTrue(result.getText().contains("paid"), result.getText());
        assertEquals(before + 100_000, amount("credit"));
        assertTrue(driver.getCurrentUrl().endsWith("/"), "the order id is removed from the address: "
                + driver.getCurrentUrl());
        assertTrue(text("topups").contains("Paid"), text("topups"));
    }

    @Test
    void topUp_failOnTheSandboxPage_showsTheFailureAndCreditsNothing() {
        signIn("user-1", ORG, false);
        long before = amount("credit");

        topUpAndOpenGateway(60_000);
        driver.findElement(By.id("topup-pay")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("form[action$='/fail'] button"))).click();

        awaitReady();
        WebElement result = driver.findElement(By.id("topup-result"));
        assertEquals("FAILED", result.getAttribute("data-status"));
        assertTrue(result.getText().contains("failed") && result.getText().contains("no credit was added"),
                result.getText());
        assertEquals(before, amount("credit"));
        assertTrue(text("topups").contains("Failed"), text("topups"));
    }

    @Test
    void topUp_belowTheMinimum_isRefusedBeforeSending() {
        signIn("user-1", ORG, false);

        driver.findElement(By.id("topup-amount")).sendKeys("49999");
        driver.findElement(By.id("topup-submit")).click();

        assertTrue(text("topup-error").contains("minimum top-up is Rp"), text("topup-error"));
        assertTrue(!driver.findElement(By.id("topup-confirm")).isDisplayed(), "no order was started");
    }

    @Test
    void voucher_createdInTheAdminViewAndRedeemed_appearsInTheHistoryAndCredit() {
        String code = "WEB" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        signIn("admin-1", ORG, true);
        driver.findElement(By.id("vc-code")).sendKeys(code);
        driver.findElement(By.id("vc-amount")).sendKeys("25000");
        driver.executeScript("arguments[0].value = '2030-01-01'", driver.findElement(By.id("vc-until")));
        driver.findElement(By.id("vc-submit")).click();
        wait.until(d -> text("vc-codes").contains(code));
        long before = amount("credit");

        driver.findElement(By.id("voucher-code")).sendKeys(code.toLowerCase());
        driver.findElement(By.id("voucher-submit")).click();

        wait.until(d -> text("voucher-result").contains("redeemed"));
        wait.until(d -> text("redemptions").contains(code.substring(code.length() - 4)));
        assertTrue(text("redemptions").replace('\u00a0', ' ').contains("Rp 25.000"), text("redemptions"));
        wait.until(d -> amount("credit") == before + 25_000);
        wait.until(d -> text("ledger").contains("Voucher"));
    }

    @Test
    void voucher_unknownCode_showsTheErrorInWords() {
        expectedConsoleError = message -> message.contains("voucher-redemptions") && message.contains("422");
        signIn("user-1", ORG, false);

        driver.findElement(By.id("voucher-code")).sendKeys("NOPE-NOPE-NOPE");
        driver.findElement(By.id("voucher-submit")).click();

        wait.until(d -> !text("voucher-error").isEmpty());
        assertEquals("This voucher code is not valid. Check the code and try again.", text("voucher-error"));
    }

    @Test
    void invoice_openDetail_showsLinesTaxAndPayButtonOnAPhoneScreen() {
        String member = token("{\"sub\":\"user-2\",\"orgs\":[\"" + ORG + "\"],\"roles\":[]}");
        HttpResponse<String> inquiry = send("POST", "/orgs/" + ORG + "/topups", member, "{\"amount\":70000}");
        assertEquals(201, inquiry.statusCode(), inquiry.body());
        String number = json(inquiry).path("invoice").path("number").asText();
        driver.manage().window().setSize(new Dimension(390, 1800));
        signIn("user-1", ORG, false);

        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("filter-status"))).selectByValue("OPEN");
        WebElement view = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button[aria-label='View invoice " + number + "']")));
        view.click();

        WebElement detail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invoice-detail")));
        String shown = detail.getText().replace('\u00a0', ' ');
        assertTrue(shown.contains("Invoice " + number), shown);
        assertTrue(shown.contains("VAT 11%") && shown.contains("Rp 7.700") && shown.contains("Rp 77.700"), shown);
        assertEquals("Pay Rp 77.700", text("pay-invoice").replace('\u00a0', ' '));
        assertTrue(shown.contains("at least Rp 50.000"), shown);
        assertEquals(Boolean.FALSE, driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"),
                "the page fits a 390 px phone screen without scrolling sideways");
        driver.executeScript("arguments[0].scrollIntoView()", detail);
    }

    @Test
    void usage_recordedThisMonth_showsRunwayAndChartWithObjectStorageSetApart() {
        String org = "org-usage";
        String admin = token("{\"sub\":\"admin-1\",\"roles\":[\"admin\"]}");
        assertEquals(201, send("PUT", "/admin/orgs/" + org + "/billing-account", admin,
                "{\"billingType\":\"PREPAID\"}").statusCode());
        HttpResponse<String> credit = send("POST", "/admin/orgs/" + org + "/credit-adjustments", admin,
                "{\"amount\":1000000,\"reason\":\"web test\"}");
        assertEquals(201, credit.statusCode(), credit.body());
        price(admin, "web.compute", "compute", "hour", 1_250_000_000L);
        price(admin, "web.objects", "object_storage", "GB-month", 100_000_000L);
        Instant now = Instant.now();
        String records = "{\"records\":[" + usage(org, "u-1", "web.compute", "10", now)
                + "," + usage(org, "u-2", "web.objects", "5", now) + "]}";
        HttpRequest.Builder record = HttpRequest.newBuilder(URI.create(base("/internal/usage")))
                .POST(HttpRequest.BodyPublishers.ofString(records))
                .header("content-type", "application/json").header("x-local-iam-role", "platform-metering");
        HttpResponse<String> recorded = send(record);
        assertEquals(200, recorded.statusCode(), recorded.body());
        assertEquals(2, json(recorded).path("accepted").asInt(), recorded.body());

        signIn("user-1", org, false);

        assertEquals(987_500, amount("remaining-credit"));
        assertEquals("Rp 12.500", text("ongoing-usage").replace('\u00a0', ' '));
        int day = now.atZone(ZoneId.of("Asia/Jakarta")).getDayOfMonth();
        long daysLeft = 987_500L * day / 12_500;
        assertTrue(text("runway-text").contains("about " + daysLeft + " more days"), text("runway-text"));
        assertEquals(2, driver.findElements(By.cssSelector("#chart rect")).size());
        assertEquals(1, driver.findElements(By.cssSelector("#chart rect.excluded")).size());
    }

    @Test
    void card_registeredOnTheSandboxCardForm_showsTheMaskedCardAndAddsTheVerificationCredit() {
        String org = "org-web-card";
        openPrepaid(org);
        signIn("owner-1", org, false, true);
        assertEquals("No card registered", text("card-masked"));
        long before = amount("credit");

        driver.findElement(By.id("card-register")).click();
        fillCardAndSave("4811 1111 1111 1114", "12/30", "123");

        awaitReady();
        assertTrue(text("card-result").contains("Your card is registered"), text("card-result"));
        assertTrue(text("card-masked").contains("•••• 1114"), text("card-masked"));
        assertEquals("12/2030", text("card-expiry"));
        assertEquals("Active", text("card-status"));
        assertEquals("Replace card", text("card-register"));
        assertTrue(driver.findElement(By.id("card-remove")).isDisplayed(), "a prepaid org may remove its card");
        assertEquals(before + 10_000, amount("credit"), "the verification payment is credited");
    }

    @Test
    void card_whoseTokenTheGatewayReportsExpired_pageAsksForANewCard() {
        String org = "org-web-card-expired";
        openPrepaid(org);
        signIn("owner-1", org, false, true);
        driver.findElement(By.id("card-register")).click();
        fillCardAndSave("4411 1111 1111 1118", "11/31", "456");
        awaitReady();
        String admin = token("{\"sub\":\"admin-1\",\"roles\":[\"admin\"]}");
        assertEquals(200, send("PUT", "/admin/orgs/" + org + "/billing-account", admin,
                "{\"billingType\":\"POSTPAID\"}").statusCode());
        invoiceLastMonth(admin, org);

        driver.navigate().refresh();
        awaitReady();

        WebElement alert = driver.findElement(By.id("card-alert"));
        assertTrue(alert.isDisplayed() && alert.getText().contains("can no longer be charged"), alert.getText());
        assertEquals("Invalid", text("card-status"));
        assertEquals("Replace card", text("card-register"));
        assertTrue(!driver.findElement(By.id("card-remove")).isDisplayed(), "a postpaid org's card stays");
    }

    @Test
    void card_forAMemberWithoutTheBillingAdminRole_isShownButNotChangeable() {
        String org = "org-web-card-member";
        openPrepaid(org);
        signIn("user-2", org, false);

        assertEquals("No card registered", text("card-masked"));
        assertTrue(!driver.findElement(By.id("card-actions")).isDisplayed());
        assertTrue(driver.findElement(By.id("card-role-hint")).isDisplayed());
    }

    /** On the sandbox gateway's card page (not ours): type the card like a customer and submit. */
    private void fillCardAndSave(String number, String expiry, String cvv) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("card-number"))).sendKeys(number);
        assertTrue(driver.getCurrentUrl().contains("/_sandbox/checkout/"), driver.getCurrentUrl());
        driver.findElement(By.id("card-expiry")).sendKeys(expiry);
        driver.findElement(By.id("card-cvv")).sendKeys(cvv);
        driver.findElement(By.id("save-card")).click();
    }

    private void openPrepaid(String org) {
        String admin = token("{\"sub\":\"admin-1\",\"roles\":[\"admin\"]}");
        HttpResponse<String> account = send("PUT", "/admin/orgs/" + org + "/billing-account", admin,
                "{\"billingType\":\"PREPAID\"}");
        assertTrue(account.statusCode() == 201 || account.statusCode() == 200, account.body());
    }

    /** Usage in the month before this one, then that month's run fired by hand (charges postpaid cards). */
    private void invoiceLastMonth(String admin, String org) {
        price(admin, "web.card.compute", "compute", "hour", 1_000_000L);
        java.time.YearMonth period = java.time.YearMonth.now(ZoneId.of("Asia/Jakarta")).minusMonths(1);
        Instant start = period.atDay(10).atTime(9, 0).atZone(ZoneId.of("Asia/Jakarta")).toInstant();
        String record = "{\"records\":[{\"id\":\"" + org + "-u1\",\"orgId\":\"" + org + "\",\"resourceId\":"
                + "\"vm-1\",\"sku\":\"web.card.compute\",\"quantity\":\"50000\",\"start\":\"" + start
                + "\",\"end\":\"" + start.plusSeconds(3600) + "\"}]}";
        HttpResponse<String> recorded = send(HttpRequest.newBuilder(URI.create(base("/internal/usage")))
                .POST(HttpRequest.BodyPublishers.ofString(record))
                .header("content-type", "application/json").header("x-local-iam-role", "platform-metering"));
        assertEquals(200, recorded.statusCode(), recorded.body());
        HttpResponse<String> run = send("POST", "/_local/schedules/InvoiceRunFunction", null,
                "{\"period\":\"" + period + "\"}");
        assertEquals(200, run.statusCode(), run.body());
    }

    @Test
    void runway_withAFixedDate_followsTheStatedFormula() {
        signIn("user-1", ORG, false);

        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/format.js').then(f => {
                  const r = f.runway(1000000, 300000, new Date('2026-11-10T12:00:00+07:00'));
                  done([r.daysElapsed, r.dailyPace, r.daysLeft, r.date.year, r.date.month, r.date.day,
                        f.runway(0, 0) === null, f.runway(-5, 100, new Date('2026-11-10T12:00:00+07:00')).exhausted]);
                });
                """);

        // day 10 of November in Jakarta: 300,000 / 10 = 30,000 a day; 1,000,000 / 30,000 = 33.3 → 33 days → 13 Dec.
        assertEquals(List.of(10L, 30000L, 33L, 2026L, 12L, 13L, true, true), result);
    }

    // ---- the page ---------------------------------------------------------------------------------------------

    private void signIn(String sub, String orgs, boolean admin) {
        signIn(sub, orgs, admin, false);
    }

    private void signIn(String sub, String orgs, boolean admin, boolean billingAdmin) {
        driver.get(base("/"));
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-sub")));
        user.clear();
        user.sendKeys(sub);
        WebElement orgField = driver.findElement(By.id("signin-orgs"));
        orgField.clear();
        orgField.sendKeys(orgs);
        if (admin) {
            driver.findElement(By.id("signin-admin")).click();
        }
        if (billingAdmin) {
            driver.findElement(By.id("signin-billing-admin")).click();
        }
        driver.findElement(By.id("signin-submit")).click();
        awaitReady();
    }

    private void awaitReady() {
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private void topUpAndOpenGateway(long amount) {
        driver.findElement(By.id("topup-amount")).sendKeys(Long.toString(amount));
        driver.findElement(By.id("topup-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("topup-confirm")));
        browser.screenshot(testName + "-confirm");
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private long amount(String id) {
        return Long.parseLong(driver.findElement(By.id(id)).getAttribute("data-amount"));
    }

    // ---- the API, for setup -----------------------------------------------------------------------------------

    private String base(String path) {
        return runtime.baseUrl().resolve(path).toString();
    }

    private String token(String claims) {
        HttpResponse<String> response = send("POST", "/_local/tokens", null, claims);
        assertEquals(200, response.statusCode(), response.body());
        return json(response).path("token").asText();
    }

    private void price(String admin, String sku, String category, String unit, long micros) {
        HttpResponse<String> response = send("PUT", "/admin/catalogue/skus/" + sku + "/prices", admin,
                "{\"unitPriceMicros\":" + micros + ",\"effectiveFrom\":\"2026-01-01\",\"category\":\""
                        + category + "\",\"unit\":\"" + unit + "\"}");
        assertTrue(response.statusCode() == 201 || response.statusCode() == 200, response.body());
    }

    /** One record that ended five minutes ago (this Jakarta month except in its first ten minutes). */
    private static String usage(String org, String id, String sku, String quantity, Instant now) {
        return "{\"id\":\"" + id + "\",\"orgId\":\"" + org + "\",\"resourceId\":\"r-" + id + "\",\"sku\":\""
                + sku + "\",\"quantity\":\"" + quantity + "\",\"start\":\"" + now.minusSeconds(600)
                + "\",\"end\":\"" + now.minusSeconds(300) + "\"}";
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(path)))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
