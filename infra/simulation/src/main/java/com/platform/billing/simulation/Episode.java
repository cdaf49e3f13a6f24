package com.platform.billing.simulation;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.BillingConfig;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Json;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LambdaJson;
import com.platform.billing.devkit.LedgerTableFactory;
import com.platform.billing.devkit.RepoRoot;
import com.platform.billing.devkit.RequestCounter;
import com.platform.billing.devkit.Template;
import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.payment.PaymentStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One simulation episode: a fresh ledger table, 10+ orgs, and up to 300 random steps of every operation through the
 * real handlers, with faults at the SDK layer and at the gateway, each step followed by the invariant checks of the
 * orgs it touched; at the end the gateway's queue is drained, the card-charge schedule runs out, and everything is
 * checked. Everything random comes from one {@link SplittableRandom} seeded with the episode's seed and time from a
 * {@link SimClock}, so a seed replays exactly.
 */
final class Episode {

    static final int MAX_STEPS = 300;
    private static final ZoneId JAKARTA = BillingCalendar.PLATFORM_ZONE;
    /**
     * 00:00 Jakarta on 19 November 2026: steps move the clock 5 minutes to 4 hours (now and then a day or two), so
     * every 300-step episode crosses one month end (the monthly run) and has weeks of card-charge retries after it.
     */
    private static final Instant START = Instant.parse("2026-11-18T17:00:00Z");
    private static final String ADMIN = "sim-admin";
    /** Share of invocations that get SDK faults, and the per-request fault rate within them. */
    private static final double FAULTY_INVOCATION = 0.35;
    private static final double REQUEST_FAULT_RATE = 0.3;
    private static final double GATEWAY_FAULT_RATE = 0.2;
    /** Attempts a caller makes with faults before its last, clean, attempt (Lambda async: 2 retries; gateways more). */
    private static final int FAULTY_ATTEMPTS = 3;

    /** @param stuckInquiries top-up / invoice-payment inquiries left answering request-in-progress (a known gap) */
    record Result(long seed, int steps, long faults, List<String> violations, String trace, int stuckInquiries) {
    }

    /** A broken invariant: stops the episode. */
    static final class Violation extends RuntimeException {
        Violation(String message) {
            super(message, null, false, false);
        }
    }

    private final AwsBackend backend;
    private final Template template;
    private final long seed;
    private final int steps;
    private final int orgCount;
    private final SplittableRandom random;
    private final SimClock clock = new SimClock(START);
    private final FaultInjector injector = new FaultInjector();
    private final Model model = new Model();
    private final RequestCounter handlerRequests = new RequestCounter();
    private final RequestCounter checkerRequests = new RequestCounter();
    private final StringBuilder trace = new StringBuilder();
    private final Map<String, Integer> operationCounts = new LinkedHashMap<>();
    private SimGateway gateway;
    private Handlers handlers;
    private Invariants invariants;
    private DynamoDbClient faulty;
    private DynamoDbClient checker;
    private String table;
    private int step;
    private int voucherSerial;
    private int stuckInquiries;
    private final List<Model.Org> touched = new ArrayList<>();
    private final List<Model.Order> touchedOrders = new ArrayList<>();

    Episode(AwsBackend backend, Template template, long seed, int steps, int orgCount) {
        if (steps > MAX_STEPS) {
            throw new IllegalArgumentException("an episode runs at most " + MAX_STEPS + " steps");
        }
        this.backend = backend;
        this.template = template;
        this.seed = seed;
        this.steps = steps;
        this.orgCount = orgCount;
        this.random = new SplittableRandom(seed);
        this.injector.reseed(random.split());
    }

    Result run() {
        table = "sim-" + Long.toUnsignedString(seed, 36) + "-" + Long.toUnsignedString(System.nanoTime(), 36);
        checker = backend.dynamoDb(checkerRequests);
        LedgerTableFactory.createIfAbsent(checker, template, table, false);
        faulty = FaultyClients.dynamoDb(backend, injector, handlerRequests);
        gateway = new SimGateway(clock, random.split());
        handlers = Handlers.create(new Dependencies(faulty, table, clock, BillingConfig.defaults()), gateway);
        invariants = new Invariants(checker, table, model, gateway, this::violation);
        List<String> violations = new ArrayList<>();
        int done = 0;
        try {
            setUp();
            for (step = 1; step <= steps; step++) {
                touched.clear();
                touchedOrders.clear();
                Instant before = clock.instant();
                clock.advance(Duration.ofMinutes(random.nextInt(5, 4 * 60)));
                if (random.nextInt(20) == 0) {
                    clock.advance(Duration.ofDays(random.nextInt(1, 4)));
                }
                schedules(before, clock.instant());
                operation();
                invariants.checkOrgs(touched, false);
                invariants.checkOrders(touchedOrders);
                done = step;
            }
            step = steps + 1;
            drain();
            invariants.checkEverything();
        } catch (Violation violation) {
            violations.add(where() + " invariant: " + violation.getMessage());
        } catch (RuntimeException unexpected) {
            // a handler or a read that blew up where an answer was due: as much a failure as a broken invariant
            violations.add(where() + " unexpected " + unexpected);
        } finally {
            try {
                checker.deleteTable(r -> r.tableName(table));
            } catch (RuntimeException ignored) {
                // best effort: the backend goes away with the run
            }
            faulty.close();
            checker.close();
        }
        trace.append("faults=").append(injector.faults() + gateway.faults()).append(" credit=");
        model.orgs.forEach(o -> trace.append(o.expectedCredit()).append(','));
        return new Result(seed, done, injector.faults() + gateway.faults(), violations, trace.toString(),
                stuckInquiries);
    }

    /** DynamoDB requests: the handlers' (every attempt, faulted or not) and the invariant checks'. */
    String requests() {
        return "handler_requests=" + handlerRequests.totalRequests() + " check_requests="
                + checkerRequests.totalRequests() + " by_operation=" + handlerRequests.requests();
    }

    private String where() {
        return "seed=" + seed + " step=" + Math.min(step, steps) + (step > steps ? " (final check)" : "");
    }

    Map<String, Integer> operationCounts() {
        return operationCounts;
    }

    // ------------------------------------------------------------------------------------------------ set-up

    private void setUp() {
        for (Map.Entry<String, Long> sku : new java.util.TreeMap<>(Model.PRICES).entrySet()) {
            ObjectNode body = Json.object().put("unitPriceMicros", sku.getValue()).put("effectiveFrom", "2020-01-01")
                    .put("category", Model.CATEGORIES.get(sku.getKey())).put("unit", Model.UNITS.get(sku.getKey()));
            Answer answer = clean(() -> http(handlers.catalogue(), HttpEvents.route("PUT",
                    "/admin/catalogue/skus/{sku}/prices", Map.of("sku", sku.getKey())).admin(ADMIN)
                    .body(body.toString())));
            expect(answer.ok(), "setting the price of " + sku.getKey() + " answered " + answer);
        }
        String[] tokens = {"tok_ok_sim", "tok_ok_sim2", "tok_decline_sim", "tok_pending_sim", "tok_expired_sim"};
        for (int i = 0; i < orgCount; i++) {
            boolean prepaid = i % 3 != 2;
            Model.Org org = new Model.Org("sim-org-" + i, prepaid);
            model.orgs.add(org);
            Answer opened = clean(() -> http(handlers.admin(), HttpEvents.route("PUT",
                    "/admin/orgs/{orgId}/billing-account", Map.of("orgId", org.id)).admin(ADMIN)
                    .body("{\"billingType\":\"" + (prepaid ? "PREPAID" : "POSTPAID") + "\"}")));
            expect(opened.status() == 201, "opening " + org.id + " answered " + opened);
            if (!prepaid) {
                org.cardToken = tokens[random.nextInt(tokens.length)];
                ObjectNode card = Json.object().put("provider", "sandbox").put("cardToken", org.cardToken)
                        .put("brand", "visa").put("maskedNumber", "•••• 4242").put("expiryMonth", 12)
                        .put("expiryYear", 2030);
                Answer saved = clean(() -> http(handlers.paymentMethods(), HttpEvents.route("PUT",
                        "/admin/orgs/{orgId}/payment-method", Map.of("orgId", org.id)).admin(ADMIN)
                        .body(card.toString())));
                expect(saved.ok(), "saving " + org.id + "'s card answered " + saved);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ schedules

    /** What EventBridge Scheduler fires while the clock moved: the monthly run, the daily card-charge retries. */
    private void schedules(Instant from, Instant to) {
        ZonedDateTime a = from.atZone(JAKARTA);
        ZonedDateTime b = to.atZone(JAKARTA);
        YearMonth fromMonth = YearMonth.from(a);
        if (!YearMonth.from(b).equals(fromMonth)) {
            monthlyRun(fromMonth);
        }
        for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()); day = day.plusDays(1)) {
            Instant nine = ZonedDateTime.of(day, LocalTime.of(9, 0), JAKARTA).toInstant();
            if (nine.isAfter(from) && !nine.isAfter(to)) {
                cardChargeRetries(day);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ operations

    private void operation() {
        int roll = random.nextInt(100);
        String name;
        if (roll < 12) {
            name = "credit_adjustment";
            creditAdjustment();
        } else if (roll < 27) {
            name = "topup";
            topUp();
        } else if (roll < 52) {
            name = "notification";
            if (!deliverNotification()) {
                name = "usage";
                recordUsage();
            }
        } else if (roll < 57) {
            name = "voucher_create";
            createVoucher();
        } else if (roll < 67) {
            name = "voucher_redeem";
            redeemVoucher();
        } else if (roll < 70) {
            name = "voucher_last_redemption_race";
            raceForLastRedemption();
        } else if (roll < 85) {
            name = "usage";
            recordUsage();
        } else if (roll < 90) {
            name = "invoice_payment";
            payInvoice();
        } else if (roll < 93) {
            name = "notification_race";
            duplicateNotificationRace();
        } else if (roll < 95) {
            name = "invoice_issue_redelivery";
            redeliverIssueMessage();
        } else if (roll < 96) {
            name = "invoice_run_refire";
            refireRun();
        } else {
            name = "baremetal_charge";
            bareMetalCharge();
        }
        operationCounts.merge(name, 1, Integer::sum);
        trace.append(step).append(':').append(name).append(' ');
    }

    private void creditAdjustment() {
        Model.Org org = pickOrg();
        long amount = random.nextInt(4) == 0 ? -random.nextLong(1_000, 400_000) : random.nextLong(1_000, 2_000_000);
        String key = "adj-" + step;
        Answer answer = withRetries(() -> http(handlers.admin(), HttpEvents.route("POST",
                        "/admin/orgs/{orgId}/credit-adjustments", Map.of("orgId", org.id)).admin(ADMIN)
                        .header("Idempotency-Key", key)
                        .body("{\"amount\":" + amount + ",\"reason\":\"simulation step " + step + "\"}")),
                Episode::retryable, null);
        touched.add(org);
        trace.append(answer.status()).append(' ');
        if (answer.status() == 201) {
            org.adjustments += amount;
            if (!answer.replayed()) {
                expect(answer.body().path("balance").asLong() == org.expectedCredit(), "credit adjustment of "
                        + amount + " on " + org.id + " answered balance " + answer.body().path("balance")
                        + ", the model says " + org.expectedCredit());
            }
        } else if (answer.is(422, "insufficient-credit")) {
            expect(org.prepaid && org.expectedCredit() + amount < 0, "debit of " + (-amount) + " on " + org.id
                    + " refused as insufficient although the credit is " + org.expectedCredit());
        } else {
            throw violation("credit adjustment on " + org.id + " answered " + answer + " after retries");
        }
    }

    private void topUp() {
        Model.Org org = pickOrg();
        long amount = 50_000 + random.nextLong(0, 400) * 5_000 + (random.nextBoolean() ? random.nextLong(0, 1000) : 0);
        String key = "topup-" + step;
        Answer answer = withRetries(() -> http(handlers.topUp(), HttpEvents.route("POST", "/orgs/{orgId}/topups",
                        Map.of("orgId", org.id)).member(user(org), org.id).header("Idempotency-Key", key)
                        .body("{\"amount\":" + amount + "}")),
                a -> retryable(a) && !a.is(502, "gateway-unavailable"), null);
        trace.append(answer.status()).append(' ');
        if (answer.is(502, "gateway-unavailable")) {
            return; // the order was marked FAILED before the caller heard of it: nothing can pay it
        }
        if (stuckInquiry(answer)) {
            return;
        }
        expect(answer.status() == 201, "top-up of " + amount + " for " + org.id + " answered " + answer);
        long total = answer.body().path("amount").asLong();
        expect(total == amount + Model.topUpTax(amount), "top-up of " + amount + " asks the gateway for " + total
                + ", the model says " + (amount + Model.topUpTax(amount)));
        if (!"PENDING".equals(answer.body().path("status").asText())) {
            return; // a replay of an inquiry whose checkout failed
        }
        Model.Order order = new Model.Order(answer.body().path("orderId").asText(), org, null, total, amount);
        model.add(order);
        touchedOrders.add(order);
        customer(order);
    }

    private void payInvoice() {
        List<Model.Invoice> payable = model.invoices.stream().filter(i -> i.org.prepaid && i.due > 0).toList();
        if (payable.isEmpty()) {
            topUp();
            return;
        }
        Model.Invoice invoice = payable.get(random.nextInt(payable.size()));
        Model.Org org = invoice.org;
        String key = "pay-" + step;
        Answer answer = withRetries(() -> http(handlers.topUp(), HttpEvents.route("POST",
                        "/orgs/{orgId}/invoices/{invoiceId}/payments",
                        Map.of("orgId", org.id, "invoiceId", invoice.id)).member(user(org), org.id)
                        .header("Idempotency-Key", key).body("{}")),
                a -> retryable(a) && !a.is(502, "gateway-unavailable"), null);
        trace.append(answer.status()).append(' ');
        if (answer.is(502, "gateway-unavailable") || answer.is(409, "invoice-payment-pending")
                || stuckInquiry(answer)) {
            return;
        }
        expect(answer.status() == 201, "paying invoice " + invoice.id + " of " + org.id + " answered " + answer);
        long total = answer.body().path("amount").asLong();
        long expected = Math.max(invoice.due, 50_000);
        expect(total == expected, "payment of invoice " + invoice.id + " asks for " + total
                + ", the model says " + expected + " (due " + invoice.due + ", at least 50,000)");
        if (!"PENDING".equals(answer.body().path("status").asText())) {
            return;
        }
        Model.Order order = new Model.Order(answer.body().path("orderId").asText(), org, invoice, total, 0);
        model.add(order);
        touchedOrders.add(order);
        customer(order);
    }

    /**
     * A known gap, counted rather than failed (it loses no money): when the order was stored but the write recording
     * the gateway's checkout on it never happened (its request failed after the SDK's retries), the order stays
     * PENDING without a payment page and a retry with the same Idempotency-Key answers 409 request-in-progress until,
     * 2 minutes after the order was stored, a replay fails it (CheckoutStep.replay); this caller's retries come sooner.
     * Nobody can pay it, so nothing can be credited; the caller must use a new key.
     */
    private boolean stuckInquiry(Answer answer) {
        if (answer.is(409, "request-in-progress")) {
            stuckInquiries++;
            return true;
        }
        return false;
    }

    /** The customer at the gateway's page, and the notifications the gateway will send (and what attackers send). */
    private void customer(Model.Order order) {
        int roll = random.nextInt(100);
        PaymentStatus truth = roll < 60 ? PaymentStatus.PAID : roll < 75 ? PaymentStatus.FAILED
                : roll < 90 ? PaymentStatus.EXPIRED : null;
        order.truth = truth;
        if (truth == null) {
            attack(order);
            return; // abandoned: the page was never used
        }
        gateway.settleOrder(order.id, truth, order.total);
        int copies = 1 + (random.nextInt(10) < 4 ? random.nextInt(1, 3) : 0);
        int first = step + random.nextInt(0, 25);
        if (truth == PaymentStatus.PAID && random.nextInt(4) == 0) {
            // our expiry notice overtakes the payment: the money arrives after the order ended
            model.outbox.add(genuine(order, PaymentStatus.EXPIRED, first));
            first += random.nextInt(1, 10);
        }
        for (int i = 0; i < copies; i++) {
            model.outbox.add(genuine(order, truth, first + random.nextInt(0, 40)));
        }
        attack(order);
    }

    private void attack(Model.Order order) {
        if (random.nextInt(10) >= 3) {
            return;
        }
        int when = step + random.nextInt(0, 30);
        switch (random.nextInt(4)) {
            case 0 -> {
                String body = notificationBody(order, PaymentStatus.PAID, order.total);
                model.outbox.add(new Model.Notification(order, PaymentStatus.PAID, body,
                        SimGateway.sign(body).replace('a', 'b').replace('1', '2'), Model.Kind.FORGED, when));
            }
            case 1 -> {
                String signed = notificationBody(order, PaymentStatus.PAID, order.total);
                String tampered = notificationBody(order, PaymentStatus.PAID, order.total * 10);
                model.outbox.add(new Model.Notification(order, PaymentStatus.PAID, tampered, SimGateway.sign(signed),
                        Model.Kind.TAMPERED, when));
            }
            case 2 -> {
                String body = notificationBody(order, PaymentStatus.PAID, order.total + 1);
                model.outbox.add(new Model.Notification(order, PaymentStatus.PAID, body, SimGateway.sign(body),
                        Model.Kind.WRONG_AMOUNT, when));
            }
            default -> {
                if (order.truth != PaymentStatus.PAID) {
                    String body = notificationBody(order, PaymentStatus.PAID, order.total);
                    model.outbox.add(new Model.Notification(order, PaymentStatus.PAID, body, SimGateway.sign(body),
                            Model.Kind.UNCONFIRMED, when));
                }
            }
        }
    }

    private Model.Notification genuine(Model.Order order, PaymentStatus status, int notBefore) {
        String body = notificationBody(order, status, order.total);
        return new Model.Notification(order, status, body, SimGateway.sign(body), Model.Kind.GENUINE, notBefore);
    }

    private static String notificationBody(Model.Order order, PaymentStatus status, long amount) {
        return Json.object().put("order_id", order.id).put("status", status.name()).put("amount", amount)
                .put("currency", "IDR").put("transaction_id", "sim-tx-" + order.id)
                .put("reference_number", "SIM" + Math.abs(order.id.hashCode())).put("payment_method", "bank_transfer")
                .toString();
    }

    /** The gateway delivers one queued notification (any that is due: deliveries overtake each other). */
    private boolean deliverNotification() {
        List<Model.Notification> due = model.outbox.stream().filter(n -> n.notBeforeStep() <= step).toList();
        if (due.isEmpty()) {
            return false;
        }
        Model.Notification notification = due.get(random.nextInt(due.size()));
        model.outbox.remove(notification);
        deliver(notification, true);
        return true;
    }

    private void deliver(Model.Notification n, boolean faults) {
        Model.Order order = n.order();
        touched.add(order.org);
        touchedOrders.add(order);
        int[] lost = {0};
        Supplier<Answer> send = () -> http(handlers.pgCallback(), HttpEvents.route("POST",
                        "/pg/{provider}/notifications", Map.of("provider", "sandbox")).withoutAuthorizer()
                .header("x-sandbox-signature", n.signature()).body(n.body()));
        Answer answer = faults ? withRetries(send, Episode::retryable, (a, l) -> lost[0] += l.transactions())
                : clean(send);
        trace.append(n.kind()).append('/').append(n.status()).append('=').append(answer).append(' ');
        switch (n.kind()) {
            case FORGED, TAMPERED -> expect(answer.is(401, "callback-unauthenticated"), n.kind()
                    + " notification for " + order.id + " answered " + answer);
            case WRONG_AMOUNT -> expect(answer.is(422, "payment-mismatch"), "notification with a wrong amount for "
                    + order.id + " answered " + answer);
            case UNCONFIRMED -> expect(answer.is(409, "payment-not-confirmed"), "PAID notification the gateway"
                    + " does not confirm, for " + order.id + ", answered " + answer);
            case GENUINE -> genuineDelivered(n, answer, lost[0]);
        }
    }

    private void genuineDelivered(Model.Notification n, Answer answer, int lostCommits) {
        Model.Order order = n.order();
        expect(answer.status() == 200, "genuine " + n.status() + " notification for " + order.id + " answered "
                + answer + " after the gateway's retries");
        String outcome = answer.body().path("outcome").asText();
        if (n.status() == PaymentStatus.PAID) {
            boolean applies = !order.creditedPaid;
            boolean applied = outcome.equals("APPLIED") || outcome.equals("UNCHANGED") && lostCommits > 0;
            if (applies) {
                expect(applied, "the first PAID notification for " + order.id + " was not applied: " + outcome);
                paid(order);
            } else {
                expect(outcome.equals("UNCHANGED"), "a repeated PAID notification for " + order.id + " answered "
                        + outcome);
            }
        } else if (n.status() == PaymentStatus.PENDING) {
            expect(outcome.equals("IGNORED") || outcome.equals("UNCHANGED"), "a PENDING notification for "
                    + order.id + " answered " + outcome);
        } else if (order.creditedPaid) {
            expect(outcome.equals("UNCHANGED"), "a late " + n.status() + " after PAID for " + order.id
                    + " answered " + outcome);
        }
    }

    /** The model's side of a PAID notification applied: credit bought, or the invoice paid and the rest credited. */
    private void paid(Model.Order order) {
        order.creditedPaid = true;
        if (order.invoice == null) {
            order.org.topUps += order.credit;
            return;
        }
        Model.Invoice invoice = order.invoice;
        long applied = Math.min(order.total, invoice.due);
        invoice.due -= applied;
        order.org.surpluses += order.total - applied;
    }

    /** Two deliveries of the same PAID notification at once: both read the PENDING order, one writes first. */
    private void duplicateNotificationRace() {
        List<Model.Notification> candidates = model.outbox.stream().filter(n -> n.kind() == Model.Kind.GENUINE
                && n.status() == PaymentStatus.PAID && !n.order().creditedPaid).toList();
        if (candidates.isEmpty()) {
            deliverNotification();
            return;
        }
        Model.Notification n = candidates.get(random.nextInt(candidates.size()));
        model.outbox.remove(n);
        Model.Order order = n.order();
        touched.add(order.org);
        touchedOrders.add(order);
        Answer[] other = new Answer[1];
        injector.interleaveBefore("TransactWriteItems", () -> other[0] = send(n));
        Answer first = send(n);
        boolean raced = !injector.interleavePending();
        injector.cancelInterleave();
        if (!raced) {
            other[0] = send(n);
        }
        trace.append("race=").append(first).append('/').append(other[0]).append(' ');
        expect(first.status() == 200 && other[0].status() == 200, "racing PAID deliveries for " + order.id
                + " answered " + first + " and " + other[0]);
        long applied = java.util.stream.Stream.of(first, other[0])
                .filter(a -> a.body().path("outcome").asText().equals("APPLIED")).count();
        expect(applied == 1, "racing PAID deliveries for " + order.id + " applied " + applied + " times");
        paid(order);
    }

    private Answer send(Model.Notification n) {
        return http(handlers.pgCallback(), HttpEvents.route("POST", "/pg/{provider}/notifications",
                        Map.of("provider", "sandbox")).withoutAuthorizer()
                .header("x-sandbox-signature", n.signature()).body(n.body()));
    }

    private void createVoucher() {
        Instant now = clock.instant();
        String code = voucherCode('X');
        long amount = random.nextLong(10, 500) * 1_000;
        int totalLimit = random.nextInt(1, 5);
        int perOrgLimit = random.nextInt(1, Math.min(2, totalLimit) + 1);
        Instant validFrom = random.nextInt(5) == 0 ? now.plus(Duration.ofHours(random.nextInt(1, 48)))
                : now.minus(Duration.ofHours(1));
        Instant validUntil = validFrom.plus(Duration.ofDays(random.nextInt(1, 20)));
        Model.Voucher voucher = new Model.Voucher(code, amount, totalLimit, perOrgLimit, validFrom, validUntil);
        String body = Json.object().put("code", code).put("amount", amount).put("validFrom", validFrom.toString())
                .put("validUntil", validUntil.toString()).put("totalLimit", totalLimit)
                .put("perOrgLimit", perOrgLimit).toString();
        int[] lost = {0};
        Answer answer = withRetries(() -> http(handlers.voucherAdmin(), HttpEvents.route("POST", "/admin/vouchers",
                Map.of()).admin(ADMIN).body(body)), Episode::retryable, (a, l) -> lost[0] += l.writes());
        trace.append(answer).append(' ');
        if (answer.status() == 201) {
            voucher.id = answer.body().path("vouchers").path(0).path("voucherId").asText();
        } else {
            expect(answer.is(409, "voucher-code-exists") && lost[0] > 0, "creating voucher " + code + " answered "
                    + answer);
            Answer found = clean(() -> http(handlers.voucherAdmin(), HttpEvents.route("POST",
                    "/admin/vouchers/lookup", Map.of()).admin(ADMIN).body("{\"code\":\"" + code + "\"}")));
            expect(found.status() == 200, "looking up voucher " + code + " answered " + found);
            voucher.id = found.body().path("voucherId").asText();
        }
        model.vouchers.add(voucher);
    }

    /** A chosen code unique within the episode's run (8–32 letters and digits, as the admin route requires). */
    private String voucherCode(char kind) {
        return "SIM" + Long.toUnsignedString(seed, 36).toUpperCase() + kind + String.format("%04d", ++voucherSerial);
    }

    private enum Refusal { NONE, NOT_YET_VALID, EXPIRED, FULLY_REDEEMED, ALREADY_REDEEMED }

    private Refusal predict(Model.Voucher voucher, Model.Org org) {
        Instant now = clock.instant();
        if (now.isBefore(voucher.validFrom)) {
            return Refusal.NOT_YET_VALID;
        }
        if (!now.isBefore(voucher.validUntil)) {
            return Refusal.EXPIRED;
        }
        if (voucher.of(org.id) >= voucher.perOrgLimit) {
            return Refusal.ALREADY_REDEEMED;
        }
        if (voucher.redeemed >= voucher.totalLimit) {
            return Refusal.FULLY_REDEEMED;
        }
        return Refusal.NONE;
    }

    private static boolean matches(Answer answer, Refusal refusal) {
        return switch (refusal) {
            case NONE -> answer.status() == 201;
            case NOT_YET_VALID -> answer.is(422, "voucher-not-yet-valid");
            case EXPIRED -> answer.is(422, "voucher-expired");
            case FULLY_REDEEMED -> answer.is(409, "voucher-fully-redeemed");
            case ALREADY_REDEEMED -> answer.is(409, "voucher-already-redeemed")
                    || answer.is(409, "voucher-fully-redeemed");
        };
    }

    private void redeemVoucher() {
        if (model.vouchers.isEmpty()) {
            createVoucher();
            return;
        }
        Model.Voucher voucher = model.vouchers.get(random.nextInt(model.vouchers.size()));
        Model.Org org = pickOrg();
        touched.add(org);
        String code = random.nextBoolean() ? voucher.code : " " + voucher.code.toLowerCase() + " ";
        Answer answer = withRetries(() -> redeem(org, code), Episode::retryable, (attempt, lost) -> {
            if (!attempt.ok() && lost.transactions() > 0) {
                // the redemption applied, its answer was lost: it counts (the caller's retry is a new request)
                redeemed(voucher, org, "a redemption whose answer was lost");
            }
        });
        trace.append(answer).append(' ');
        if (answer.is(429, "voucher-rate-limited")) {
            return;
        }
        Refusal predicted = predict(voucher, org);
        expect(matches(answer, predicted), "redeeming " + voucher.code + " (" + voucher.redeemed + "/"
                + voucher.totalLimit + " redeemed, " + voucher.of(org.id) + "/" + voucher.perOrgLimit + " by "
                + org.id + ") answered " + answer + "; the model expected " + predicted);
        if (answer.status() == 201) {
            redeemed(voucher, org, "the redemption");
            expect(answer.body().path("balance").asLong() == org.expectedCredit(), "redemption answered balance "
                    + answer.body().path("balance") + ", the model says " + org.expectedCredit());
        }
    }

    private void redeemed(Model.Voucher voucher, Model.Org org, String what) {
        expect(voucher.redeemed < voucher.totalLimit && voucher.of(org.id) < voucher.perOrgLimit, what + " of "
                + voucher.code + " by " + org.id + " went beyond its limits (" + voucher.redeemed + "/"
                + voucher.totalLimit + " total, " + voucher.of(org.id) + "/" + voucher.perOrgLimit + " for the org)");
        voucher.redeemed++;
        voucher.byOrg.merge(org.id, 1, Integer::sum);
        org.vouchers += voucher.amount;
    }

    private Answer redeem(Model.Org org, String code) {
        return http(handlers.voucherRedeem(), HttpEvents.route("POST", "/orgs/{orgId}/voucher-redemptions",
                Map.of("orgId", org.id)).member(user(org), org.id).body(Json.object().put("code", code).toString()));
    }

    /** Two orgs redeem the last redemption of a voucher at once: both read, one writes first; exactly one wins. */
    private void raceForLastRedemption() {
        Instant now = clock.instant();
        String code = voucherCode('L');
        Model.Voucher voucher = new Model.Voucher(code, random.nextLong(10, 200) * 1_000, 1, 1,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3)));
        Answer created = clean(() -> http(handlers.voucherAdmin(), HttpEvents.route("POST", "/admin/vouchers",
                Map.of()).admin(ADMIN).body(Json.object().put("code", code).put("amount", voucher.amount)
                .put("validFrom", voucher.validFrom.toString()).put("validUntil", voucher.validUntil.toString())
                .put("totalLimit", 1).put("perOrgLimit", 1).toString())));
        expect(created.status() == 201, "creating voucher " + code + " answered " + created);
        voucher.id = created.body().path("vouchers").path(0).path("voucherId").asText();
        model.vouchers.add(voucher);
        Model.Org a = pickOrg();
        Model.Org b = model.orgs.get((model.orgs.indexOf(a) + 1 + random.nextInt(model.orgs.size() - 1))
                % model.orgs.size());
        touched.add(a);
        touched.add(b);
        Answer[] second = new Answer[1];
        injector.interleaveBefore("TransactWriteItems", () -> second[0] = redeem(b, code));
        Answer first = redeem(a, code);
        boolean raced = !injector.interleavePending();
        injector.cancelInterleave();
        expect(raced, "the redemption by " + a.id + " never reached its transaction: " + first);
        trace.append("race=").append(first).append('/').append(second[0]).append(' ');
        expect(second[0].status() == 201, "the redemption that wrote first (" + b.id + ") answered " + second[0]);
        expect(first.is(409, "voucher-fully-redeemed"), "the redemption that lost the race (" + a.id
                + ") answered " + first);
        redeemed(voucher, b, "the race's winner");
    }

    private void recordUsage() {
        Model.Org org = pickOrg();
        Instant now = clock.instant();
        YearMonth period = YearMonth.from(now.atZone(JAKARTA));
        Instant periodStart = period.atDay(1).atStartOfDay(JAKARTA).toInstant();
        if (Duration.between(periodStart, now).toHours() < 2) {
            creditAdjustment();
            return;
        }
        touched.add(org);
        ArrayNode records = Json.MAPPER.createArrayNode();
        List<String> skus = new ArrayList<>(new java.util.TreeSet<>(Model.PRICES.keySet()));
        Map<String, long[]> fresh = new LinkedHashMap<>(); // id → {sku index, micros}
        int count = random.nextInt(1, 4);
        for (int i = 0; i < count; i++) {
            String id = "use-" + step + "-" + i;
            int sku = random.nextInt(skus.size());
            long quantity = random.nextLong(1, 12);
            ObjectNode record = records.addObject().put("id", id).put("orgId", org.id)
                    .put("resourceId", "res-" + org.id + "-" + random.nextInt(4)).put("sku", skus.get(sku))
                    .put("quantity", Long.toString(quantity))
                    .put("start", now.minus(Duration.ofHours(1)).atZone(JAKARTA).toOffsetDateTime().toString())
                    .put("end", now.atZone(JAKARTA).toOffsetDateTime().toString());
            fresh.put(id, new long[] {sku, quantity * Model.PRICES.get(skus.get(sku))});
            org.usageRecords.put(id, record.toString());
        }
        if (!org.usageRecords.isEmpty() && random.nextInt(5) == 0) {
            // the platform replays a record it already sent (maybe of a month already invoiced)
            List<String> known = new ArrayList<>(org.usageRecords.values());
            records.add(Json.readObject(known.get(random.nextInt(known.size()))));
        }
        ObjectNode body = Json.object();
        body.set("records", records);
        Map<String, Boolean> applied = new HashMap<>();
        for (int round = 0; round < 4; round++) {
            // records answered "failed" are sent again by the platform; its last re-send meets no faults
            Answer answer = round == 3 ? clean(() -> usage(body.toString()))
                    : withRetries(() -> usage(body.toString()), Episode::retryable, null);
            expect(answer.status() == 200, "recording usage for " + org.id + " answered " + answer);
            boolean again = false;
            for (JsonNode result : answer.body().path("results")) {
                String id = result.path("id").asText();
                String status = result.path("status").asText();
                long[] rated = fresh.get(id);
                switch (status) {
                    case "accepted" -> {
                        expect(rated != null && !applied.containsKey(id), "usage record " + id
                                + " was accepted again");
                        expect(result.path("amountMicros").asLong() == rated[1], "usage record " + id + " rated "
                                + result.path("amountMicros") + " micro-IDR, the model says " + rated[1]);
                        applied.put(id, true);
                    }
                    case "duplicate" -> {
                        if (rated != null) {
                            applied.put(id, true); // an earlier attempt applied it; its answer was lost
                        }
                    }
                    case "failed" -> again = true;
                    default -> throw violation("usage record " + id + " answered " + status + ": " + result);
                }
            }
            if (!again) {
                break;
            }
        }
        for (Map.Entry<String, long[]> record : fresh.entrySet()) {
            expect(applied.containsKey(record.getKey()), "usage record " + record.getKey() + " was never applied");
            org.usage.computeIfAbsent(period, p -> new LinkedHashMap<>())
                    .merge(skus.get((int) record.getValue()[0]), record.getValue()[1], Long::sum);
        }
    }

    private Answer usage(String body) {
        return stream(handlers.usage(), HttpEvents.fromFile("http-usage-post-internal.json").body(body).json());
    }

    /** An HTTP API event through a function that takes raw event JSON (it also serves SQS / EventBridge events). */
    private static Answer stream(RequestStreamHandler handler, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException | RuntimeException e) {
            return Answer.crashed();
        }
        JsonNode response = Json.readObject(out.toString(StandardCharsets.UTF_8));
        return Answer.of(response.path("statusCode").asInt(), response.path("body").asText(""), false);
    }

    // ------------------------------------------------------------------------------------------------ invoicing

    /** The schedule fires the run for the month that just closed (and sometimes fires it twice). */
    private void monthlyRun(YearMonth period) {
        Map<Model.Org, Long> balances = new LinkedHashMap<>();
        for (Model.Org org : model.orgs) {
            balances.put(org, org.expectedCredit());
        }
        boolean racedIssue = random.nextInt(4) == 0;
        List<Model.Org> billable = model.orgs.stream().filter(o -> o.usage.containsKey(period)).toList();
        if (racedIssue && !billable.isEmpty()) {
            // a re-delivered fan-out message for one org is processed while the run issues another: both read first
            Model.Org other = billable.get(random.nextInt(billable.size()));
            injector.interleaveBefore("TransactWriteItems", () -> issueMessage(other, period, false));
        }
        invokeWithRetries("the monthly run", () -> handlers.invoiceRun().handleRequest(Map.of(), null) != null);
        injector.cancelInterleave();
        if (random.nextInt(10) < 3) {
            // double firing
            invokeWithRetries("the monthly run", () -> handlers.invoiceRun().handleRequest(Map.of(), null) != null);
        }
        model.runPeriods.add(period);
        trace.append("run ").append(period).append(' ');
        for (Model.Org org : billable) {
            long[] amounts = Model.invoiceAmounts(org.usage.get(period));
            if (amounts[0] == 0) {
                continue;
            }
            Invariants.IssuedInvoice issued = invariants.usageInvoice(org, period);
            expect(issued != null, "no invoice for " + org.id + " and " + period + " after the run");
            Model.Invoice invoice = new Model.Invoice(issued.id(), org, period, amounts[2]);
            long balance = balances.get(org);
            if (balance > 0) { // credit pays first, prepaid or postpaid; a postpaid debt is not credit
                invoice.creditApplied = Math.min(balance, amounts[2]);
                invoice.due -= invoice.creditApplied;
                org.deductions += invoice.creditApplied;
            }
            org.invoicedPeriods.add(period);
            model.add(invoice);
            touched.add(org);
        }
        for (Model.Org org : model.orgs) {
            if (!touched.contains(org)) {
                touched.add(org);
            }
        }
    }

    private void issueMessage(Model.Org org, YearMonth period, boolean retries) {
        Supplier<Boolean> deliver = () -> {
            SQSEvent event = LambdaJson.fromJson(sample("invoicing-sqs-issue.json"), SQSEvent.class);
            event.getRecords().getFirst().setBody(Json.object().put("orgId", org.id).put("period", period.toString())
                    .toString());
            SQSBatchResponse response = handlers.invoiceIssue().handleRequest(event, null);
            return response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty();
        };
        if (retries) {
            invokeWithRetries("issuing " + org.id + " " + period, deliver);
        } else {
            try {
                deliver.get();
            } catch (RuntimeException e) {
                // the concurrent delivery failed; SQS would deliver it again later, the run issues meanwhile
            }
        }
    }

    /** SQS delivers an issuing message again (visibility timeout, a retried batch): nothing may change. */
    private void redeliverIssueMessage() {
        List<Model.Invoice> monthly = model.invoices.stream().filter(i -> i.period != null).toList();
        if (monthly.isEmpty()) {
            recordUsage();
            return;
        }
        Model.Invoice invoice = monthly.get(random.nextInt(monthly.size()));
        touched.add(invoice.org);
        issueMessage(invoice.org, invoice.period, true);
    }

    /** An admin re-fires the run for a month already billed: nothing may change. */
    private void refireRun() {
        if (model.runPeriods.isEmpty()) {
            recordUsage();
            return;
        }
        List<YearMonth> periods = new ArrayList<>(model.runPeriods);
        YearMonth period = periods.get(random.nextInt(periods.size()));
        invokeWithRetries("the run re-fired for " + period,
                () -> handlers.invoiceRun().handleRequest(Map.of("period", period.toString()), null) != null);
        touched.addAll(model.orgs);
    }

    private void cardChargeRetries(LocalDate day) {
        if (model.invoices.stream().noneMatch(i -> !i.org.prepaid)) {
            return; // no postpaid invoice yet: the schedule would walk 16 empty partitions and find nothing
        }
        invokeWithRetries("card-charge retries of " + day,
                () -> handlers.cardChargeRetry().handleRequest(Map.of("day", day.toString()), null) != null);
        for (Model.Org org : model.orgs) {
            if (!org.prepaid && !touched.contains(org)) {
                touched.add(org);
            }
        }
    }

    /**
     * The platform charges a bare-metal server's term ({@code POST /internal/baremetal-charges}, IAM): a new server,
     * or a retried or conflicting request for a term already charged. The model prices it independently (months ×
     * monthly price, tax 11 % half-up) and, for an org with credit (prepaid or postpaid), expects min(credit, total) taken
     * from it.
     * Renewals (the hourly sweep) are not simulated.
     */
    private void bareMetalCharge() {
        // the platform retries a creation while it is recent: the route takes a start at most 31 days back
        Instant recent = clock.instant().minus(Duration.ofDays(30));
        List<String> terms = model.bareMetalTerms.values().stream().filter(body -> java.time.OffsetDateTime
                .parse(Json.readObject(body).path("start").asText()).toInstant().isAfter(recent)).toList();
        if (!terms.isEmpty() && random.nextInt(4) == 0) {
            ObjectNode earlier = Json.readObject(terms.get(random.nextInt(terms.size())));
            Model.Org org = model.org(earlier.path("orgId").asText());
            touched.add(org);
            boolean conflicting = random.nextBoolean();
            if (conflicting) {
                earlier.put("monthlyPrice", earlier.path("monthlyPrice").asLong() + 1_000);
            }
            Answer answer = withRetries(() -> bareMetal(earlier.toString()), Episode::retryable, null);
            trace.append(conflicting ? "conflict=" : "replay=").append(answer).append(' ');
            expect(conflicting ? answer.is(422, "baremetal-charge-mismatch")
                    : answer.status() == 200 && answer.body().path("replayed").asBoolean(), (conflicting
                    ? "a different charge for a charged term" : "a retried charge") + " answered " + answer);
            return;
        }
        Model.Org org = pickOrg();
        touched.add(org);
        int[] lengths = {1, 3, 6, 12};
        int months = lengths[random.nextInt(lengths.length)];
        long monthlyPrice = random.nextLong(500, 20_000) * 1_000 + (random.nextBoolean() ? 0 : random.nextLong(1, 999));
        String start = clock.instant().minus(Duration.ofMinutes(random.nextInt(0, 48 * 60)))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(JAKARTA).toOffsetDateTime().toString();
        String serverId = "bm-" + step;
        String body = Json.object().put("orgId", org.id).put("serverId", serverId).put("sku", "bare-metal.sim")
                .put("monthlyPrice", monthlyPrice).put("termMonths", months).put("start", start).toString();
        long balance = org.expectedCredit();
        Answer answer = withRetries(() -> bareMetal(body), Episode::retryable, null);
        trace.append(answer).append(' ');
        expect(answer.status() == 201 || answer.status() == 200 && answer.body().path("replayed").asBoolean(),
                "charging server " + serverId + " of " + org.id + " answered " + answer);
        long subtotal = months * monthlyPrice;
        long total = subtotal + Model.halfUp(subtotal * Model.TAX_BASIS_POINTS, 10_000L);
        expect(answer.body().path("total").asLong() == total, "server " + serverId + "'s term totals "
                + answer.body().path("total") + ", the model says " + total);
        Model.Invoice invoice = new Model.Invoice(answer.body().path("invoiceId").asText(), org, null, total);
        if (balance > 0) { // credit pays first, prepaid or postpaid; a postpaid debt is not credit
            invoice.creditApplied = Math.min(balance, total);
            invoice.due -= invoice.creditApplied;
            org.deductions += invoice.creditApplied;
        }
        model.add(invoice);
        model.bareMetalTerms.put(serverId + " " + start, body);
    }

    private Answer bareMetal(String body) {
        return stream(handlers.bareMetal(), HttpEvents.fromFile("http-baremetal-post-charge.json").body(body).json());
    }

    // ------------------------------------------------------------------------------------------------ the end

    /** Every queued genuine notification is delivered, and the card-charge schedule runs for ten more days. */
    private void drain() {
        List<Model.Notification> queued = new ArrayList<>(model.outbox);
        model.outbox.clear();
        for (Model.Notification n : queued) {
            touched.clear();
            touchedOrders.clear();
            deliver(n, false);
        }
        for (int day = 0; day < 10; day++) {
            Instant before = clock.instant();
            clock.advance(Duration.ofDays(1));
            touched.clear();
            ZonedDateTime a = before.atZone(JAKARTA);
            for (LocalDate d = a.toLocalDate(); !d.isAfter(clock.instant().atZone(JAKARTA).toLocalDate());
                 d = d.plusDays(1)) {
                Instant nine = ZonedDateTime.of(d, LocalTime.of(9, 0), JAKARTA).toInstant();
                if (nine.isAfter(before) && !nine.isAfter(clock.instant())) {
                    invokeClean(d);
                }
            }
        }
    }

    private void invokeClean(LocalDate day) {
        handlers.cardChargeRetry().handleRequest(Map.of("day", day.toString()), null);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private Answer http(ApiHandler handler, HttpEvents event) {
        try {
            return Answer.of(handler.handleRequest(event.build(), null));
        } catch (RuntimeException e) {
            return Answer.crashed();
        }
    }

    /** Writes of one attempt that applied but whose answer never came back: all of them, and the transactions. */
    record Lost(int writes, int transactions) {
    }

    private static boolean retryable(Answer answer) {
        return answer.status() >= 500 || answer.is(409, "concurrent-update") || answer.is(409, "request-in-progress");
    }

    /**
     * The caller's retries: some invocations meet faults (SDK layer and gateway) for up to {@link #FAULTY_ATTEMPTS}
     * attempts, then the caller tries once more without faults. Stops at the first answer not worth retrying.
     * {@code eachAttempt} sees every attempt's answer with the writes it applied but never heard back about.
     */
    private Answer withRetries(Supplier<Answer> attempt, Predicate<Answer> retry,
                               BiConsumer<Answer, Lost> eachAttempt) {
        boolean faulty = random.nextDouble() < FAULTY_INVOCATION;
        boolean storm = faulty && random.nextInt(10) == 0;
        Answer answer = null;
        for (int i = 0; i <= FAULTY_ATTEMPTS; i++) {
            boolean clean = !faulty || i == FAULTY_ATTEMPTS;
            if (clean) {
                injector.disarm();
                gateway.faultRate(0);
            } else {
                injector.arm(REQUEST_FAULT_RATE, storm && i == 0);
                gateway.faultRate(GATEWAY_FAULT_RATE);
            }
            injector.resetLost();
            if (i > 0) {
                clock.advance(Duration.ofSeconds(random.nextInt(1, 60))); // the caller's back-off
            }
            try {
                answer = attempt.get();
            } finally {
                injector.disarm();
                gateway.faultRate(0);
            }
            if (eachAttempt != null) {
                eachAttempt.accept(answer, new Lost(injector.lostCommits(), injector.lostTransactions()));
            }
            if (!retry.test(answer)) {
                return answer;
            }
        }
        return answer;
    }

    private void invokeWithRetries(String what, Supplier<Boolean> invocation) {
        RuntimeException[] last = new RuntimeException[1];
        Answer answer = withRetries(() -> {
            try {
                last[0] = null;
                return invocation.get() ? new Answer(200, Json.object(), "", false) : Answer.crashed();
            } catch (RuntimeException e) {
                last[0] = e;
                return Answer.crashed();
            }
        }, Episode::retryable, null);
        expect(answer.ok(), what + " still failed without faults" + (last[0] == null ? " (batch item failure)"
                : ": " + last[0]));
    }

    private Answer clean(Supplier<Answer> attempt) {
        injector.disarm();
        gateway.faultRate(0);
        return attempt.get();
    }

    private Model.Org pickOrg() {
        return model.orgs.get(random.nextInt(model.orgs.size()));
    }

    private static String user(Model.Org org) {
        return "user-" + org.id;
    }

    private void expect(boolean holds, String message) {
        if (!holds) {
            throw violation(message);
        }
    }

    private Violation violation(String message) {
        return new Violation(message);
    }

    private static String sample(String name) {
        try {
            return Files.readString(RepoRoot.events().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
