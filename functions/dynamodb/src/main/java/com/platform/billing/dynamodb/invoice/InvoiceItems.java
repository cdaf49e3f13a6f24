package com.platform.billing.dynamodb.invoice;

import static com.platform.billing.dynamodb.Items.instant;
import static com.platform.billing.dynamodb.Items.num;
import static com.platform.billing.dynamodb.Items.str;
import static com.platform.billing.dynamodb.Items.strOr;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.baremetal.BareMetalTermRef;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceLine;
import com.platform.billing.domain.invoice.InvoiceNumber;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.invoice.InvoiceType;
import com.platform.billing.domain.invoice.TaxBreakdown;
import com.platform.billing.domain.invoice.TaxMode;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Mapping of invoices: ORG#{org}/INVOICE#{id}, GSI1 {@code ORG#{org}#INVOICES} / {@code {issuedAt}#{id}}. The derived
 * figures {@code amountPaid}, {@code creditsApplied} and {@code amountDue} are stored next to the payments list so
 * that writers can condition on them (e.g. "pay exactly what is due") without reading first; every writer keeps them
 * equal to what the payments list implies.
 */
public final class InvoiceItems {

    public static final String TYPE = "INVOICE";

    private InvoiceItems() {
    }

    public static Map<String, AttributeValue> key(String orgId, String invoiceId) {
        return Items.key(Keys.orgPk(orgId), Keys.invoiceSk(invoiceId));
    }

    public static Map<String, AttributeValue> toItem(Invoice invoice) {
        if (invoice.number() == null) {
            throw new IllegalArgumentException("an invoice is numbered before it is stored");
        }
        Map<String, AttributeValue> item = new HashMap<>(key(invoice.orgId(), invoice.id()));
        item.put(Keys.TYPE, Items.s(TYPE));
        item.put(Keys.GSI1PK, Items.s(Keys.invoicesGsi1Pk(invoice.orgId())));
        item.put(Keys.GSI1SK, Items.s(Keys.timelineSk(invoice.issuedAt(), invoice.id())));
        item.put("invoiceId", Items.s(invoice.id()));
        item.put("orgId", Items.s(invoice.orgId()));
        item.put("number", Items.s(invoice.number().value()));
        item.put("invoiceType", Items.s(invoice.type().name()));
        item.put("status", Items.s(invoice.status().name()));
        item.put("currency", Items.s(invoice.currency()));
        item.put("lines", AttributeValue.fromL(invoice.lines().stream().map(InvoiceItems::line).toList()));
        item.put("subtotal", Items.n(invoice.subtotal().amount()));
        item.put("tax", Items.n(invoice.taxAmount().amount()));
        item.put("taxRateBasisPoints", Items.n(invoice.tax().rateBasisPoints()));
        item.put("taxMode", Items.s(invoice.tax().mode().name()));
        item.put("total", Items.n(invoice.total().amount()));
        item.put("payments", AttributeValue.fromL(invoice.payments().stream().map(InvoiceItems::payment).toList()));
        item.put("amountPaid", Items.n(invoice.amountPaid().amount()));
        item.put("creditsApplied", Items.n(invoice.creditsApplied().amount()));
        item.put("amountDue", Items.n(invoice.amountDue().amount()));
        if (invoice.period() != null) {
            item.put("period", Items.s(invoice.period().toString()));
        }
        item.put("reference", Items.s(invoice.reference()));
        if (invoice.type() == InvoiceType.BAREMETAL) {
            // The server and term as plain attributes too, for people and tools reading the table.
            BareMetalTermRef.parse(invoice.reference()).ifPresent(term -> {
                item.put("serverId", Items.s(term.serverId()));
                item.put("termStart", Items.time(term.termStart()));
                item.put("termEnd", Items.time(term.termEnd()));
            });
        }
        item.put("issuedAt", Items.time(invoice.issuedAt()));
        item.put("dueAt", Items.time(invoice.dueAt()));
        putTime(item, "paidAt", invoice.paidAt());
        putTime(item, "voidedAt", invoice.voidedAt());
        item.put("voidReason", Items.s(invoice.voidReason()));
        if (invoice.pendingOrderId() != null) {
            item.put("pendingOrderId", Items.s(invoice.pendingOrderId()));
            putTime(item, "pendingUntil", invoice.pendingUntil());
        }
        return item;
    }

    public static AttributeValue line(InvoiceLine line) {
        return AttributeValue.fromM(Map.of(
                "description", Items.s(line.description()),
                "sku", Items.s(line.sku()),
                "quantity", Items.s(line.quantity().toPlainString()),
                "unit", Items.s(line.unit()),
                "unitPriceMicros", Items.n(line.unitPriceMicros()),
                "amount", Items.n(line.amount().amount())));
    }

    /** One element of the {@code payments} list (for {@code list_append} by writers that pay an invoice). */
    public static AttributeValue payment(AppliedPayment payment) {
        return AttributeValue.fromM(Map.of(
                "source", Items.s(payment.source().name()),
                "reference", Items.s(payment.reference()),
                "amount", Items.n(payment.amount().amount()),
                "appliedAt", Items.time(payment.appliedAt()),
                "method", Items.s(payment.method()),
                "referenceNumber", Items.s(payment.referenceNumber())));
    }

    public static Invoice fromItem(Map<String, AttributeValue> item) {
        String currency = str(item, "currency");
        List<InvoiceLine> lines = new ArrayList<>();
        for (AttributeValue value : list(item, "lines")) {
            Map<String, AttributeValue> m = value.m();
            lines.add(new InvoiceLine(str(m, "description"), str(m, "sku"), new BigDecimal(str(m, "quantity")),
                    str(m, "unit"), num(m, "unitPriceMicros"), Money.of(num(m, "amount"), currency)));
        }
        List<AppliedPayment> payments = new ArrayList<>();
        for (AttributeValue value : list(item, "payments")) {
            Map<String, AttributeValue> m = value.m();
            payments.add(new AppliedPayment(AppliedPayment.Source.valueOf(str(m, "source")), str(m, "reference"),
                    Money.of(num(m, "amount"), currency), instant(m, "appliedAt"), str(m, "method"),
                    str(m, "referenceNumber")));
        }
        Money subtotal = Money.of(num(item, "subtotal"), currency);
        Money tax = Money.of(num(item, "tax"), currency);
        TaxBreakdown breakdown = new TaxBreakdown(subtotal, tax, Money.of(num(item, "total"), currency),
                num(item, "taxRateBasisPoints"), TaxMode.valueOf(str(item, "taxMode")));
        String period = strOr(item, "period", null);
        return new Invoice(str(item, "invoiceId"), str(item, "orgId"), new InvoiceNumber(str(item, "number")),
                InvoiceType.valueOf(str(item, "invoiceType")), InvoiceStatus.valueOf(str(item, "status")), lines,
                breakdown, payments, period == null ? null : YearMonth.parse(period), strOr(item, "reference", ""),
                instant(item, "issuedAt"), instant(item, "dueAt"), optionalTime(item, "paidAt"),
                optionalTime(item, "voidedAt"), strOr(item, "voidReason", ""), strOr(item, "pendingOrderId", null),
                optionalTime(item, "pendingUntil"));
    }

    private static List<AttributeValue> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l();
    }

    static void putTime(Map<String, AttributeValue> item, String name, Instant at) {
        if (at != null) {
            item.put(name, Items.time(at));
        }
    }

    static Instant optionalTime(Map<String, AttributeValue> item, String name) {
        String value = strOr(item, name, null);
        return value == null ? null : Instant.parse(value);
    }
}
