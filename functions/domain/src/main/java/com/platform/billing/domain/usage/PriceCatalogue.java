package com.platform.billing.domain.usage;

import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The admin side of the catalogue: list SKUs and set a price effective from a date. */
public final class PriceCatalogue {

    /** What {@link #setPrice} did: 201 for a new version, 200 otherwise. */
    public enum Change { CREATED, REPLACED, UNCHANGED }

    public record Result(CatalogueSku sku, PriceVersion price, Change change) {
    }

    private static final int MAX_ATTEMPTS = 3;
    private static final LocalDate EARLIEST_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDate LATEST_DATE = LocalDate.of(2999, 12, 31);

    private final CatalogueStore store;
    private final BillingCalendar calendar;
    private final Clock clock;

    public PriceCatalogue(CatalogueStore store, BillingCalendar calendar, Clock clock) {
        this.store = store;
        this.calendar = calendar;
        this.clock = clock;
    }

    public Catalogue list() {
        return store.load();
    }

    /**
     * Sets {@code sku}'s price from {@code effectiveFrom}. The first price of a new SKU may carry any date; a later
     * one must start at least {@link CataloguePolicy#PRICE_LEAD_TIME} from now, and may replace a version that has
     * not taken effect yet. Category and unit are fixed by the first price.
     */
    public Result setPrice(String sku, SkuCategory category, UsageUnit unit, long unitPriceMicros,
                           LocalDate effectiveFrom, String actor) {
        if (!SkuDefinition.isValidId(sku)) {
            throw new InvalidRequestException("sku", "sku must be 1-64 characters of a-z, 0-9, '.', '_' or '-',"
                    + " starting with a letter or digit.");
        }
        if (unitPriceMicros < 0 || unitPriceMicros > PriceVersion.MAX_UNIT_PRICE_MICROS) {
            throw new InvalidRequestException("unitPriceMicros", "unitPriceMicros must be 0 to "
                    + PriceVersion.MAX_UNIT_PRICE_MICROS + ".");
        }
        if (effectiveFrom.isBefore(EARLIEST_DATE) || effectiveFrom.isAfter(LATEST_DATE)) {
            throw new InvalidRequestException("effectiveFrom", "effectiveFrom must be a date between " + EARLIEST_DATE
                    + " and " + LATEST_DATE + ".");
        }
        SkuDefinition definition = new SkuDefinition(sku, category, unit);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            PriceVersion price = new PriceVersion(sku, unitPriceMicros, effectiveFrom, actor, now);
            Optional<CatalogueSku> existing = store.load().find(sku);
            if (existing.isEmpty()) {
                if (store.putPrice(definition, price, true)) {
                    return new Result(new CatalogueSku(definition, List.of(price)), price, Change.CREATED);
                }
                continue;
            }
            CatalogueSku current = existing.get();
            if (!current.definition().equals(definition)) {
                throw new SkuDefinitionConflictException(current.definition());
            }
            Optional<PriceVersion> sameDate = current.versionOn(effectiveFrom);
            if (sameDate.isPresent() && sameDate.get().samePriceAs(price)) {
                return new Result(current, sameDate.get(), Change.UNCHANGED);
            }
            LocalDate earliest = earliestChange(now);
            if (effectiveFrom.isBefore(earliest)) {
                throw new PriceChangeTooSoonException(earliest);
            }
            if (store.putPrice(definition, price, false)) {
                List<PriceVersion> prices = new ArrayList<>(current.prices());
                prices.removeIf(p -> p.effectiveFrom().equals(effectiveFrom));
                prices.add(price);
                return new Result(new CatalogueSku(definition, prices), price,
                        sameDate.isPresent() ? Change.REPLACED : Change.CREATED);
            }
        }
        throw new ConcurrentUpdateException();
    }

    /** The first date whose 00:00 (platform zone) is at least the lead time away from {@code now}. */
    public LocalDate earliestChange(Instant now) {
        Instant threshold = now.plus(CataloguePolicy.PRICE_LEAD_TIME);
        LocalDate day = threshold.atZone(calendar.zone()).toLocalDate();
        return day.atStartOfDay(calendar.zone()).toInstant().isBefore(threshold) ? day.plusDays(1) : day;
    }
}
