package com.platform.billing.domain.usage;

import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.OrgId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Records usage from the platform: validates each record on its own, rates it with the (cached) catalogue price in
 * effect at its start, and adds it once to the org's aggregates. A batch never fails as a whole because of one bad
 * record: each gets its own result, in input order.
 *
 * <p>Late usage: a record whose own period is already closed (invoiced) for the org is booked into the next open
 * period, the later of the month after and the current month, on a line of its own that names the period the usage
 * belongs to; it is charged on that period's invoice.
 */
public final class UsageRecorder {

    public static final int MAX_BATCH = 100;
    /** Usage older than this is refused rather than billed (a replay of ancient data is a platform bug). */
    public static final Duration MAX_AGE = Duration.ofDays(400);

    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:_.~-]{0,127}");
    private static final Pattern RESOURCE_ID = Pattern.compile("[\\x21-\\x7E]{1,256}");
    private static final int MAX_PERIOD_HOPS = 3;

    private final CachedCatalogue catalogue;
    private final UsageStore store;
    private final BillingCalendar calendar;
    private final Clock clock;

    public UsageRecorder(CachedCatalogue catalogue, UsageStore store, BillingCalendar calendar, Clock clock) {
        this.catalogue = catalogue;
        this.store = store;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Records a batch of 1 to {@value #MAX_BATCH} records, each independently. */
    public List<RecordResult> recordAll(List<UsageRecordInput> records, String recordedBy) {
        if (records.isEmpty()) {
            throw new InvalidRequestException("records", "records must hold at least one usage record.");
        }
        if (records.size() > MAX_BATCH) {
            throw new InvalidRequestException("records", "records may hold at most " + MAX_BATCH
                    + " usage records; split the batch.");
        }
        List<RecordResult> results = new ArrayList<>(records.size());
        for (UsageRecordInput record : records) {
            results.add(record(record, recordedBy));
        }
        return results;
    }

    /** Records one record; a transient failure is returned as {@link RecordResult.Failed}, never thrown. */
    public RecordResult record(UsageRecordInput input, String recordedBy) {
        RatedUsage rated;
        try {
            rated = rate(input);
        } catch (Refusal refusal) {
            return new RecordResult.Rejected(input.index(), input.id(), input.orgId(), refusal.reason, refusal.field,
                    refusal.getMessage());
        } catch (RuntimeException catalogueUnavailable) {
            return new RecordResult.Failed(input.index(), input.id(), catalogueUnavailable);
        }
        try {
            return store(input.index(), rated, recordedBy);
        } catch (RuntimeException transientFailure) {
            return new RecordResult.Failed(input.index(), input.id(), transientFailure);
        }
    }

    private RecordResult store(int index, RatedUsage rated, String recordedBy) {
        YearMonth booked = rated.usagePeriod();
        for (int hop = 0; hop < MAX_PERIOD_HOPS; hop++) {
            UsageStore.Outcome outcome = store.record(rated, booked, recordedBy, clock.instant());
            switch (outcome) {
                case UsageStore.Recorded recorded -> {
                    return new RecordResult.Accepted(index, rated.id(), rated.orgId(), rated.usagePeriod(), booked,
                            rated.amountMicros());
                }
                case UsageStore.AlreadyRecorded already -> {
                    UsageStore.StoredUsage original = already.original();
                    if (!original.fingerprint().equals(rated.fingerprint())) {
                        return new RecordResult.Rejected(index, rated.id(), rated.orgId(),
                                RejectionReason.ID_CONFLICT, "id",
                                "A different record with this id was recorded before; ids must not be reused.");
                    }
                    return new RecordResult.Duplicate(index, rated.id(), rated.orgId(), original.usagePeriod(),
                            original.bookedPeriod(), original.amountMicros());
                }
                case UsageStore.UnknownOrg unknown -> {
                    return new RecordResult.Rejected(index, rated.id(), rated.orgId(),
                            RejectionReason.UNKNOWN_ORG, "orgId", "The organization has no billing account.");
                }
                case UsageStore.PeriodClosed closed -> {
                    YearMonth next = closed.period().plusMonths(1);
                    YearMonth current = calendar.currentPeriod(clock);
                    booked = next.isAfter(current) ? next : current;
                }
            }
        }
        throw new IllegalStateException("no open billing period found for usage of " + rated.usagePeriod());
    }

    private RatedUsage rate(UsageRecordInput in) {
        if (in.isMalformed()) {
            throw new Refusal(RejectionReason.MALFORMED, in.malformedField(), in.malformedDetail());
        }
        String id = required(in.id(), "id");
        if (!RECORD_ID.matcher(id).matches()) {
            throw new Refusal(RejectionReason.INVALID_ID, "id",
                    "id must be 1-128 characters of letters, digits, ':', '_', '.', '~' or '-'.");
        }
        String orgId = required(in.orgId(), "orgId");
        if (!OrgId.isValid(orgId)) {
            throw new Refusal(RejectionReason.INVALID_ORG_ID, "orgId", "orgId is not a valid organization id.");
        }
        String resourceId = required(in.resourceId(), "resourceId");
        if (!RESOURCE_ID.matcher(resourceId).matches()) {
            throw new Refusal(RejectionReason.INVALID_RESOURCE_ID, "resourceId",
                    "resourceId must be 1-256 printable ASCII characters without spaces.");
        }
        String skuId = required(in.sku(), "sku");
        Optional<CatalogueSku> sku = SkuDefinition.isValidId(skuId) ? catalogue.find(skuId) : Optional.empty();
        if (sku.isEmpty()) {
            throw new Refusal(RejectionReason.UNKNOWN_SKU, "sku", "sku is not in the price catalogue.");
        }
        long quantityMicros = quantity(in);
        Instant start = instant(required(in.start(), "start"), "start");
        Instant end = instant(required(in.end(), "end"), "end");
        if (end.isBefore(start)) {
            throw new Refusal(RejectionReason.END_BEFORE_START, "end", "end is before start.");
        }
        Instant now = clock.instant();
        if (end.isAfter(now.plus(CataloguePolicy.MAX_FUTURE_SKEW))) {
            throw new Refusal(RejectionReason.END_IN_FUTURE, "end", "end is in the future; record usage once it"
                    + " has happened.");
        }
        if (start.isBefore(now.minus(MAX_AGE))) {
            throw new Refusal(RejectionReason.TOO_OLD, "start", "start is more than " + MAX_AGE.toDays()
                    + " days ago; such usage is not billed automatically.");
        }
        PriceVersion price = sku.get().priceAt(start, calendar.zone()).orElseThrow(() -> new Refusal(
                RejectionReason.NO_PRICE, "start", "sku has no price in effect at start."));
        long amountMicros;
        try {
            amountMicros = Micros.amount(quantityMicros, price.unitPriceMicros());
        } catch (ArithmeticException overflow) {
            throw new Refusal(RejectionReason.AMOUNT_TOO_LARGE, "quantity", "quantity × unit price is too large.");
        }
        return new RatedUsage(orgId, id, resourceId, sku.get().definition(), quantityMicros, start, end,
                calendar.periodOf(start), price, amountMicros);
    }

    private static long quantity(UsageRecordInput in) {
        if (in.quantityText() == null && in.quantityNumber() == null) {
            throw new Refusal(RejectionReason.MALFORMED, "quantity", "quantity is required.");
        }
        try {
            return in.quantityNumber() != null ? Micros.quantityOf(in.quantityNumber())
                    : Micros.parseQuantity(in.quantityText());
        } catch (Micros.QuantityException e) {
            throw switch (e.problem()) {
                case NEGATIVE -> new Refusal(RejectionReason.NEGATIVE_QUANTITY, "quantity",
                        "quantity must not be negative.");
                case TOO_MANY_DECIMALS -> new Refusal(RejectionReason.TOO_MANY_DECIMALS, "quantity",
                        "quantity may have at most 6 decimal places.");
                case TOO_LARGE -> new Refusal(RejectionReason.QUANTITY_TOO_LARGE, "quantity",
                        "quantity must be at most " + Micros.format(Micros.MAX_QUANTITY_MICROS) + ".");
                case INVALID -> new Refusal(RejectionReason.INVALID_QUANTITY, "quantity",
                        "quantity must be a decimal number such as \"1.5\" (digits, optional point and up to 6"
                                + " decimals).");
            };
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new Refusal(RejectionReason.MALFORMED, field, field + " is required.");
        }
        return value;
    }

    private static Instant instant(String text, String field) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal(RejectionReason.INVALID_TIME, field, field
                    + " must be an ISO-8601 date-time with an offset, e.g. 2026-11-30T23:59:59+07:00.");
        }
    }

    /** A refusal of one record (validation control flow; no stack trace). */
    private static final class Refusal extends RuntimeException {
        private final RejectionReason reason;
        private final String field;

        Refusal(RejectionReason reason, String field, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
            this.field = field;
        }
    }
}
