package com.platform.billing.dynamodb;

import com.platform.billing.domain.TransferId;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Every key format of the single table, one factory method per entity. Raw ids are also stored as plain attributes,
 * so nothing ever has to parse a key to get an id back. The access-pattern table is in docs/data-model.md.
 */
public final class Keys {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI2 = "GSI2";
    public static final String TYPE = "type";
    /** Epoch seconds after which DynamoDB's TTL may delete the item (rate-limit counters, priming probes). */
    public static final String TTL = "expiresAt";

    /** Accounts are spread over this many index partitions so listing them never needs a scan nor a hot key. */
    public static final int ACCOUNT_SHARDS = 16;

    private Keys() {
    }

    public static String orgPk(String orgId) {
        return "ORG#" + orgId;
    }

    public static String accountSk() {
        return "ACCOUNT";
    }

    public static final String ENTRY_PREFIX = "ENTRY#";

    /** Zero-padded so that entries sort by sequence, which is also time order. */
    public static String entrySk(long sequence) {
        return ENTRY_PREFIX + String.format("%012d", sequence);
    }

    public static String transferPk(TransferId id) {
        return "TRANSFER#" + id.value();
    }

    public static String transferSk() {
        return "TRANSFER";
    }

    public static String accountShardPk(String orgId) {
        return accountShardPk(Math.floorMod(orgId.hashCode(), ACCOUNT_SHARDS));
    }

    public static String accountShardPk(int shard) {
        return "ACCOUNTS#" + shard;
    }

    /** Domain events waiting for the stream publisher: EVENT#{eventId}/EVENT (see {@link DomainEvents}). */
    public static String eventPk(String eventId) {
        return "EVENT#" + eventId;
    }

    public static String eventSk() {
        return "EVENT";
    }

    // ---- price catalogue and usage (issue 5, items 1-3); see functions/usage/README.md for the access patterns

    /** Orgs billable in a period are spread over this many index partitions (GSI2), so the 1st-of-month burst of
     *  first usage records never lands on one hot index key. */
    public static final int BILLABLE_SHARDS = 16;
    public static final String SKU_PREFIX = "SKU#";

    /** The whole catalogue is one small partition, read by one Query per container per cache TTL. */
    public static String cataloguePk() {
        return "CATALOGUE";
    }

    /** An SKU's definition (category, unit). */
    public static String skuSk(String sku) {
        return SKU_PREFIX + sku;
    }

    /** One price version of an SKU, by the date it takes effect. */
    public static String skuPriceSk(String sku, LocalDate effectiveFrom) {
        return SKU_PREFIX + sku + "#PRICE#" + effectiveFrom;
    }

    /** A usage record's marker: one per (org, record id), so a replayed record adds nothing. */
    public static String usageRecordPk(String orgId, String recordId) {
        return "USAGEREC#" + orgId + "#" + recordId;
    }

    public static String usageRecordSk() {
        return "USAGEREC";
    }

    /** GSI1 partition listing an org's usage records booked into a period (reconciliation, invoice detail). */
    public static String usageRecordsGsi1Pk(String orgId, YearMonth bookedPeriod) {
        return "ORG#" + orgId + "#USAGE#" + bookedPeriod;
    }

    /** Under ORG#{org}: every aggregate item of one booked period starts with this. */
    public static String usagePeriodPrefix(YearMonth bookedPeriod) {
        return "USAGE#" + bookedPeriod + "#";
    }

    /** Under ORG#{org}: usage of one SKU at one price version, from one usage period, booked into a period. */
    public static String usageLineSk(YearMonth bookedPeriod, String sku,
                                     LocalDate priceEffectiveFrom, YearMonth usagePeriod) {
        return usagePeriodPrefix(bookedPeriod) + "LINE#" + sku + "#" + priceEffectiveFrom + "#" + usagePeriod;
    }

    /** Under ORG#{org}: the period's totals per category, the one item "ongoing usage" reads. */
    public static String usageTotalSk(YearMonth bookedPeriod) {
        return usagePeriodPrefix(bookedPeriod) + "TOTAL";
    }

    /** Under ORG#{org}: the org's entry in the "billable in period" index (GSI2), written on first usage. */
    public static String billableSk(YearMonth period) {
        return "BILLABLE#" + period;
    }

    public static String billableShardPk(YearMonth period, String orgId) {
        return billableShardPk(period, Math.floorMod(orgId.hashCode(), BILLABLE_SHARDS));
    }

    /** GSI2 partition of the orgs billable in a period: query shards 0..BILLABLE_SHARDS-1 (GSI2SK = org id). */
    public static String billableShardPk(YearMonth period, int shard) {
        return "BILLABLE#" + period + "#" + shard;
    }

    /** PERIOD#{yyyy-MM}/CLOSED#{org}: written by invoicing when it closes the org's period; usage for a closed
     *  period is booked late into the next open one. */
    public static String periodClosedPk(YearMonth period) {
        return "PERIOD#" + period;
    }

    public static String periodClosedSk(String orgId) {
        return "CLOSED#" + orgId;
    }

    // ---- payments and invoices (issue 3) -------------------------------------------------------------------------

    /** PAYMENT#{orderId}/PAYMENT: a gateway payment order (top-up or invoice payment). */
    public static String paymentOrderPk(String orderId) {
        return "PAYMENT#" + orderId;
    }

    public static String paymentOrderSk() {
        return "PAYMENT";
    }

    /** GSI1 partition of an org's top-ups, newest first by GSI1SK = {@link #timelineSk}. */
    public static String topUpsGsi1Pk(String orgId) {
        return orgPk(orgId) + "#TOPUPS";
    }

    /** GSI1 partition of an org's invoices (every type), newest first by GSI1SK = {@link #timelineSk}. */
    public static String invoicesGsi1Pk(String orgId) {
        return orgPk(orgId) + "#INVOICES";
    }

    /** A time-ordered GSI1 sort key: fixed-width UTC time, then the id (unique, and parsed back for cursors). */
    public static String timelineSk(java.time.Instant at, String id) {
        return Items.formatTime(at) + "#" + id;
    }

    public static final String INVOICE_PREFIX = "INVOICE#";

    /** Under ORG#{org}: one invoice. */
    public static String invoiceSk(String invoiceId) {
        return INVOICE_PREFIX + invoiceId;
    }

    /** INVOICE-NUMBERS#{yyyy-MM}/COUNTER: the last invoice sequence number used in that month. */
    public static String invoiceCounterPk(YearMonth period) {
        return "INVOICE-NUMBERS#" + period;
    }

    public static String invoiceCounterSk() {
        return "COUNTER";
    }

    /** INVOICE-NUMBER#{number}/INVOICE-NUMBER: uniqueness guard of a number, and lookup number → org, invoice. */
    public static String invoiceNumberPk(String number) {
        return "INVOICE-NUMBER#" + number;
    }

    public static String invoiceNumberSk() {
        return "INVOICE-NUMBER";
    }

    /** Under ORG#{org}: an Idempotency-Key of a console request ({@code scope} = the route's use, e.g. TOPUP). */
    public static String idempotencySk(String scope, String key) {
        return "IDEMPOTENCY#" + scope + "#" + key;
    }

    /** PG-NOTIFICATION#{id}/NOTIFICATION: a webhook delivery that was not applied, kept for reconciliation. */
    public static String unappliedNotificationPk(String id) {
        return "PG-NOTIFICATION#" + id;
    }

    public static String unappliedNotificationSk() {
        return "NOTIFICATION";
    }

    /** GSI1 partition of unapplied notifications of one gateway on one day (UTC), for reconciliation. */
    public static String unappliedNotificationsGsi1Pk(String provider, LocalDate day) {
        return "PG-NOTIFICATIONS#" + provider + "#" + day;
    }

    // ---- monthly invoicing: saved cards and card charges (issue 5) -------------------------------------------------

    /** Under ORG#{org}: the postpaid org's saved card (gateway token + masked info, never a card number). */
    public static String paymentMethodSk() {
        return "PAYMENT-METHOD";
    }

    /** Under ORG#{org}: the card-charge schedule of one invoice (last attempt, failures, next charge). */
    public static String chargeScheduleSk(String invoiceId) {
        return "CHARGE-SCHEDULE#" + invoiceId;
    }

    /** Under ORG#{org}: one card-charge attempt, recorded before it is sent ({@code {invoiceId}-a{n}}). */
    public static String chargeAttemptSk(String invoiceId, int attempt) {
        return "CHARGE-ATTEMPT#" + invoiceId + "#a" + attempt;
    }

    public static final int CHARGE_DUE_SHARDS = 16;

    /** GSI2 partition of the card charges due on a day (platform time zone): query shards 0..15. */
    public static String chargeDueGsi2Pk(LocalDate day, String orgId) {
        return chargeDueGsi2Pk(day, Math.floorMod(orgId.hashCode(), CHARGE_DUE_SHARDS));
    }

    public static String chargeDueGsi2Pk(LocalDate day, int shard) {
        return "CHARGE-DUE#" + day + "#" + shard;
    }
}
