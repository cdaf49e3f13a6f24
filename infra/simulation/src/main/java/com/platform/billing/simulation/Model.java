package com.platform.billing.simulation;

import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.payment.PaymentStatus;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What should have happened, kept by the simulation from the operations it performed and the faults it injected,
 * independently of the code under test. Collections keep insertion order (ids are random UUIDs, so a hash order
 * would make choices, and so the replay, depend on them).
 */
final class Model {

    /** Usage prices (micro-IDR per unit) of the simulation's SKUs; both categories appear on monthly invoices. */
    static final Map<String, Long> PRICES = Map.of("compute.sim-2", 1_250_500_000L, "object-storage.sim", 333_333L);
    static final Map<String, String> CATEGORIES = Map.of("compute.sim-2", "compute",
            "object-storage.sim", "object_storage");
    static final Map<String, String> UNITS = Map.of("compute.sim-2", "hour", "object-storage.sim", "GB-month");
    static final long TAX_BASIS_POINTS = 1100;

    static final class Org {
        final String id;
        final boolean prepaid;
        String cardToken;
        long balance;
        long adjustments;
        long topUps;
        long vouchers;
        long surpluses;
        long deductions;
        /** period → sku → rated micro-IDR of the records applied */
        final Map<YearMonth, Map<String, Long>> usage = new LinkedHashMap<>();
        final Map<String, String> usageRecords = new LinkedHashMap<>();
        final Set<YearMonth> invoicedPeriods = new LinkedHashSet<>();

        Org(String id, boolean prepaid) {
            this.id = id;
            this.prepaid = prepaid;
        }

        /** The credit the ledger should show: every source of credit minus what invoices took. */
        long expectedCredit() {
            return adjustments + topUps + vouchers + surpluses - deductions;
        }
    }

    static final class Order {
        final String id;
        final Org org;
        final Invoice invoice; // null for a top-up
        final long total;
        final long credit; // TOPUP: the credit bought (subtotal)
        PaymentStatus truth; // what the customer did at the gateway (null: nothing yet)
        boolean creditedPaid; // a PAID notification has been applied
        PaymentStatus observed = PaymentStatus.PENDING;

        Order(String id, Org org, Invoice invoice, long total, long credit) {
            this.id = id;
            this.org = org;
            this.invoice = invoice;
            this.total = total;
            this.credit = credit;
        }
    }

    /** A monthly USAGE invoice the model expects. */
    static final class Invoice {
        final String id;
        final Org org;
        final YearMonth period;
        final long total;
        long due;
        long creditApplied;
        boolean pendingPayment;

        Invoice(String id, Org org, YearMonth period, long total) {
            this.id = id;
            this.org = org;
            this.period = period;
            this.total = total;
            this.due = total;
        }
    }

    static final class Voucher {
        final String code;
        String id;
        final long amount;
        final int totalLimit;
        final int perOrgLimit;
        final Instant validFrom;
        final Instant validUntil;
        int redeemed;
        final Map<String, Integer> byOrg = new LinkedHashMap<>();

        Voucher(String code, long amount, int totalLimit, int perOrgLimit, Instant validFrom, Instant validUntil) {
            this.code = code;
            this.amount = amount;
            this.totalLimit = totalLimit;
            this.perOrgLimit = perOrgLimit;
            this.validFrom = validFrom;
            this.validUntil = validUntil;
        }

        int of(String orgId) {
            return byOrg.getOrDefault(orgId, 0);
        }
    }

    /** A webhook delivery the gateway has queued. */
    record Notification(Order order, PaymentStatus status, String body, String signature, Kind kind,
                        int notBeforeStep) {
    }

    enum Kind {
        /** signed by the gateway, as it happened */
        GENUINE,
        /** signature made without the gateway's key */
        FORGED,
        /** a genuine body whose amount was changed after signing */
        TAMPERED,
        /** signed, but the amount differs from the order (a gateway-side error or a leaked key) */
        WRONG_AMOUNT,
        /** signed, claims PAID, but the gateway's status API knows better */
        UNCONFIRMED
    }

    final List<Org> orgs = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();
    final Map<String, Order> ordersById = new LinkedHashMap<>();
    final List<Invoice> invoices = new ArrayList<>();
    final Map<String, Invoice> invoicesById = new LinkedHashMap<>();
    final List<Voucher> vouchers = new ArrayList<>();
    final List<Notification> outbox = new ArrayList<>();
    /** Every status observed per order / invoice id, to check they only move forward. */
    final Map<String, PaymentStatus> orderStates = new LinkedHashMap<>();
    final Map<String, InvoiceStatus> invoiceStates = new LinkedHashMap<>();
    final Set<YearMonth> runPeriods = new LinkedHashSet<>();
    /** Bare-metal terms charged: "{serverId} {start}" → the request body that charged it. */
    final Map<String, String> bareMetalTerms = new LinkedHashMap<>();

    Org org(String id) {
        return orgs.stream().filter(o -> o.id.equals(id)).findFirst().orElseThrow();
    }

    void add(Order order) {
        orders.add(order);
        ordersById.put(order.id, order);
    }

    void add(Invoice invoice) {
        invoices.add(invoice);
        invoicesById.put(invoice.id, invoice);
    }

    /** Σ over SKUs of the micro-IDR rounded half-up once per line, then tax added half-up: the invoice total. */
    static long[] invoiceAmounts(Map<String, Long> linesMicros) {
        long subtotal = 0;
        for (long micros : linesMicros.values()) {
            subtotal += halfUp(micros, 1_000_000L);
        }
        long tax = halfUp(subtotal * TAX_BASIS_POINTS, 10_000L);
        return new long[] {subtotal, tax, subtotal + tax};
    }

    static long topUpTax(long amount) {
        return halfUp(amount * TAX_BASIS_POINTS, 10_000L);
    }

    static long halfUp(long numerator, long denominator) {
        return (numerator + denominator / 2) / denominator;
    }
}
