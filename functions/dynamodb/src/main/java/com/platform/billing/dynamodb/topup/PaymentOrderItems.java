package com.platform.billing.dynamodb.topup;

import static com.platform.billing.dynamodb.Items.instant;
import static com.platform.billing.dynamodb.Items.num;
import static com.platform.billing.dynamodb.Items.str;
import static com.platform.billing.dynamodb.Items.strOr;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.domain.topup.PaymentOrder;
import com.platform.billing.domain.topup.PaymentPurpose;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Mapping of payment orders: PAYMENT#{orderId}/PAYMENT; top-ups also on GSI1 {@code ORG#{org}#TOPUPS} /
 * {@code {createdAt}#{orderId}}. The order's own expiry is {@code payBy}: {@code expiresAt} is the table's TTL
 * attribute and must never be set on an order. Raw notifications that changed the order are kept on it
 * ({@code paidNotification}, {@code endedNotification}, {@code reversalNotification}).
 */
public final class PaymentOrderItems {

    public static final String TYPE = "PAYMENT_ORDER";

    private PaymentOrderItems() {
    }

    public static Map<String, AttributeValue> key(String orderId) {
        return Items.key(Keys.paymentOrderPk(orderId), Keys.paymentOrderSk());
    }

    public static Map<String, AttributeValue> toItem(PaymentOrder order) {
        Map<String, AttributeValue> item = new HashMap<>(key(order.id()));
        item.put(Keys.TYPE, Items.s(TYPE));
        if (order.purpose() == PaymentPurpose.TOPUP) {
            item.put(Keys.GSI1PK, Items.s(Keys.topUpsGsi1Pk(order.orgId())));
            item.put(Keys.GSI1SK, Items.s(Keys.timelineSk(order.createdAt(), order.id())));
        }
        item.put("orderId", Items.s(order.id()));
        item.put("purpose", Items.s(order.purpose().name()));
        item.put("orgId", Items.s(order.orgId()));
        item.put("invoiceId", Items.s(order.invoiceId()));
        item.put("invoiceNumber", Items.s(order.invoiceNumber()));
        item.put("currency", Items.s(order.currency()));
        item.put("total", Items.n(order.total().amount()));
        item.put("subtotal", Items.n(order.subtotal().amount()));
        item.put("tax", Items.n(order.tax().amount()));
        item.put("invoiceAmountDue", Items.n(order.invoiceAmountDue().amount()));
        putString(item, "requestedMethod", order.requestedMethod());
        item.put("provider", Items.s(order.provider()));
        item.put("status", Items.s(order.status().name()));
        putString(item, "gatewayReference", order.gatewayReference());
        putString(item, "paymentUrl", order.paymentUrl());
        putTime(item, "gatewayExpiresAt", order.gatewayExpiresAt());
        putString(item, "transactionId", order.transactionId());
        putString(item, "referenceNumber", order.referenceNumber());
        putString(item, "paidMethod", order.paidMethod());
        item.put("paidLate", AttributeValue.fromBool(order.paidLate()));
        item.put("creditedAmount", Items.n(order.creditedAmount().amount()));
        item.put("reversedAmount", Items.n(order.reversedAmount().amount()));
        item.put("reversalShortfall", Items.n(order.reversalShortfall().amount()));
        item.put("requestedBy", Items.s(order.requestedBy()));
        item.put("createdAt", Items.time(order.createdAt()));
        item.put("payBy", Items.time(order.expiresAt()));
        putTime(item, "paidAt", order.paidAt());
        putTime(item, "endedAt", order.endedAt());
        return item;
    }

    public static PaymentOrder fromItem(Map<String, AttributeValue> item) {
        String currency = str(item, "currency");
        AttributeValue late = item.get("paidLate");
        return new PaymentOrder(str(item, "orderId"), PaymentPurpose.valueOf(str(item, "purpose")),
                str(item, "orgId"), str(item, "invoiceId"), strOr(item, "invoiceNumber", ""),
                money(item, "total", currency), money(item, "subtotal", currency), money(item, "tax", currency),
                money(item, "invoiceAmountDue", currency), strOr(item, "requestedMethod", null),
                str(item, "provider"), PaymentStatus.valueOf(str(item, "status")),
                strOr(item, "gatewayReference", null), strOr(item, "paymentUrl", null),
                time(item, "gatewayExpiresAt"), strOr(item, "transactionId", null),
                strOr(item, "referenceNumber", null), strOr(item, "paidMethod", null),
                late != null && Boolean.TRUE.equals(late.bool()), money(item, "creditedAmount", currency),
                money(item, "reversedAmount", currency), money(item, "reversalShortfall", currency),
                strOr(item, "requestedBy", ""), instant(item, "createdAt"), instant(item, "payBy"),
                time(item, "paidAt"), time(item, "endedAt"));
    }

    private static Money money(Map<String, AttributeValue> item, String name, String currency) {
        return Money.of(item.containsKey(name) ? num(item, name) : 0, currency);
    }

    private static void putString(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Items.s(value));
        }
    }

    private static void putTime(Map<String, AttributeValue> item, String name, Instant at) {
        if (at != null) {
            item.put(name, Items.time(at));
        }
    }

    private static Instant time(Map<String, AttributeValue> item, String name) {
        String value = strOr(item, name, null);
        return value == null ? null : Instant.parse(value);
    }
}
