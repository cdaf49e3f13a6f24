package com.platform.billing.functions.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Env;
import com.platform.billing.api.Json;
import com.platform.billing.domain.BillingType;
import com.platform.billing.dynamodb.AccountItems;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code CreditLow}, derived from the ledger's own account writes: no extra item on the money path. Every ledger
 * transfer rewrites the billing account ({@code ORG#{org}}/{@code ACCOUNT}: balance, version, updatedAt) in its
 * transaction, so the stream's MODIFY record of that item carries the balance before (OLD image) and after (NEW
 * image). When a PREPAID account's balance crosses the threshold downward (OLD ≥ threshold > NEW) this yields one
 * {@code CreditLow} with the stable id {@code creditlow:{orgId}:{newVersion}}: a redelivered record yields the same
 * id, and each account version is written once, so the same crossing can never get two ids.
 *
 * <p>Staying below, staying above, going up, POSTPAID accounts (a card pays their invoices; credit is not what they
 * run on), other currencies (the threshold is an IDR amount) and records without both images yield nothing. An
 * account MODIFY whose images lack or garble balance, version, orgId, billingType, currency or updatedAt is a producer
 * bug and is reported as {@link StreamEvents.MalformedEventException} (logged and counted like a malformed event).
 *
 * @param threshold in IDR (minor units = rupiah); {@code CREDIT_LOW_THRESHOLD}, default {@value #DEFAULT_THRESHOLD}
 */
record CreditLowRule(long threshold) {

    static final String EVENT_TYPE = "CreditLow";
    /** The smallest top-up the console accepts (IDR 50,000): below it, one minimal top-up is needed to recover. */
    static final long DEFAULT_THRESHOLD = 50_000;
    static final String CURRENCY = "IDR";

    CreditLowRule {
        if (threshold <= 0) {
            throw new IllegalArgumentException("CREDIT_LOW_THRESHOLD must be a positive amount of IDR");
        }
    }

    static CreditLowRule fromEnvironment() {
        return new CreditLowRule(Env.getLong("CREDIT_LOW_THRESHOLD", DEFAULT_THRESHOLD));
    }

    /** A MODIFY of a billing account item (what this rule reads); everything else is not its business. */
    static boolean isAccountChange(DynamodbStreamRecord record) {
        if (!"MODIFY".equals(record.getEventName()) || record.getDynamodb() == null) {
            return false;
        }
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        return image != null && AccountItems.TYPE.equals(string(image, Keys.TYPE));
    }

    /** The CreditLow this account change causes, if any. Call only for {@link #isAccountChange} records. */
    Optional<DomainEvent> creditLow(DynamodbStreamRecord record) {
        var stream = record.getDynamodb();
        Map<String, AttributeValue> before = stream.getOldImage();
        Map<String, AttributeValue> after = stream.getNewImage();
        String sequenceNumber = stream.getSequenceNumber();
        if (before == null || after == null || sequenceNumber == null) {
            // A stream view without both images cannot show a crossing (the table's view is NEW_AND_OLD_IMAGES).
            return Optional.empty();
        }
        String orgId = string(after, "orgId");
        String billingType = string(after, "billingType");
        String currency = string(after, "currency");
        Long oldBalance = number(before, "balance");
        Long newBalance = number(after, "balance");
        Long version = number(after, "version");
        if (orgId == null || billingType == null || currency == null || oldBalance == null || newBalance == null
                || version == null) {
            throw malformed(sequenceNumber, orgId, "an account attribute is missing or not a number");
        }
        if (!BillingType.PREPAID.name().equals(billingType) || !CURRENCY.equals(currency)
                || !(oldBalance >= threshold && newBalance < threshold)) {
            return Optional.empty();
        }
        String eventId = "creditlow:" + orgId + ":" + version;
        Instant occurredAt;
        try {
            String updatedAt = string(after, "updatedAt");
            if (updatedAt == null) {
                throw malformed(sequenceNumber, eventId, "updatedAt is missing");
            }
            occurredAt = Instant.parse(updatedAt);
        } catch (DateTimeParseException e) {
            throw malformed(sequenceNumber, eventId, "updatedAt is not an ISO-8601 instant");
        }
        ObjectNode detail = Json.object();
        detail.put("orgId", orgId);
        detail.put("balance", newBalance);
        detail.put("threshold", threshold);
        detail.put("currency", currency);
        detail.put("version", version);
        return Optional.of(new DomainEvent(eventId, EVENT_TYPE, orgId, occurredAt, detail, sequenceNumber));
    }

    private static StreamEvents.MalformedEventException malformed(String sequenceNumber, String id, String reason) {
        return new StreamEvents.MalformedEventException(sequenceNumber, id, reason);
    }

    private static String string(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }

    private static Long number(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        if (value == null || value.getN() == null) {
            return null;
        }
        try {
            return Long.parseLong(value.getN());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
