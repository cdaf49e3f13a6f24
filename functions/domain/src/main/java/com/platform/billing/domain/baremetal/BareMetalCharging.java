package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.BillingCalendar;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.billingrun.PostpaidCharging;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.usage.CachedCatalogue;
import com.platform.billing.domain.usage.CatalogueSku;
import com.platform.billing.domain.usage.Micros;
import com.platform.billing.domain.usage.PriceVersion;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.UsageUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Charges bare-metal terms: the first term when the platform creates a server, the next one when a term ends. The
 * invoice is issued and (prepaid) paid from credit by {@link BareMetalStore#issue}; a postpaid org's invoice is then
 * charged to its saved card exactly as a monthly invoice is ({@link PostpaidCharging}: the attempt is recorded before
 * the gateway call, a decline is retried on the card schedule and emits {@code PaymentFailed}). A retried call (same
 * server, same term start) finds the invoice and charges nothing again.
 */
public final class BareMetalCharging {

    /** How far back a first term may start (a platform call retried late) and how far ahead (clock skew). */
    public static final Duration MAX_BACKDATED_START = Duration.ofDays(31);
    public static final Duration MAX_FUTURE_START = Duration.ofDays(1);

    private final BareMetalStore store;
    private final CachedCatalogue catalogue;
    private final Supplier<PostpaidCharging> cardCharging;
    private final TermDiscounts discounts;
    private final BillingCalendar calendar;
    private final String currency;
    private final Clock clock;

    public BareMetalCharging(BareMetalStore store, CachedCatalogue catalogue, Supplier<PostpaidCharging> cardCharging,
                             TermDiscounts discounts, BillingCalendar calendar, String currency, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.cardCharging = cardCharging;
        this.discounts = discounts;
        this.calendar = calendar;
        this.currency = currency;
        this.clock = clock;
    }

    /** What the platform sends when it creates a server. {@code monthlyPrice} absent: the catalogue price of the SKU. */
    public record NewServer(String orgId, String serverId, String sku, OptionalLong monthlyPrice, int termMonths,
                            Instant start, String actor) {
    }

    /** Charges a new server's first term (or answers with the invoice of an earlier, identical call). */
    public ChargeOutcome chargeNew(NewServer request) {
        BareMetalTerm.requireAllowed(request.termMonths());
        ServerId.requireValid(request.serverId());
        Instant now = clock.instant();
        if (request.start().isBefore(now.minus(MAX_BACKDATED_START))
                || request.start().isAfter(now.plus(MAX_FUTURE_START))) {
            throw new InvalidRequestException("start", "start must be the server's creation time: at most 31 days ago"
                    + " and at most one day ahead.");
        }
        Money listPrice = request.monthlyPrice().isPresent() ? price(request.monthlyPrice().getAsLong())
                : cataloguePrice(request.sku(), request.start());
        BareMetalTerm term = BareMetalTerm.first(request.start(), request.termMonths(), calendar.zone());
        return settle(store.issue(new BareMetalCharge(request.orgId(), request.serverId(), request.sku(), listPrice,
                discounts.monthlyPrice(listPrice, term.months()), term, false, request.actor())));
    }

    /**
     * Charges the next term of a subscription whose term has ended; empty when it is not due (cancelled, or its term
     * has not ended at this clock). A second trigger for the same term finds it charged and charges nothing.
     */
    public Optional<ChargeOutcome> renew(BareMetalSubscription subscription) {
        if (!subscription.renewalDue(clock.instant())) {
            return Optional.empty();
        }
        BareMetalTerm term = BareMetalTerm.following(subscription.currentTermEnd(), subscription.termMonths(),
                subscription.anchorDay(), calendar.zone());
        Money listPrice = subscription.listPrice();
        return Optional.of(settle(store.issue(new BareMetalCharge(subscription.orgId(), subscription.serverId(),
                subscription.sku(), listPrice, discounts.monthlyPrice(listPrice, term.months()), term, true,
                "system:baremetal-renewal"))));
    }

    private ChargeOutcome settle(BareMetalStore.Issued issued) {
        Invoice invoice = issued.invoice();
        String cardCharge = null;
        if (issued.billingType() == BillingType.POSTPAID && invoice.status().isPayable()
                && invoice.amountDue().isPositive()) {
            cardCharge = cardCharging.get().charge(invoice.orgId(), invoice.id()).name();
            invoice = store.invoice(invoice.orgId(), invoice.id()).orElseThrow();
        }
        BareMetalTermRef term = BareMetalTermRef.parse(invoice.reference()).orElseThrow();
        return new ChargeOutcome(invoice, issued.billingType(), PaymentState.of(invoice), issued.replayed(),
                cardCharge, term);
    }

    private Money price(long amount) {
        if (amount <= 0) {
            throw new InvalidRequestException("monthlyPrice", "monthlyPrice must be a positive whole amount.");
        }
        return Money.of(amount, currency);
    }

    /** The catalogue's price of a bare-metal SKU (unit: month) in force on the term's first day. */
    private Money cataloguePrice(String sku, Instant start) {
        Optional<CatalogueSku> found = catalogue == null ? Optional.empty() : catalogue.find(sku);
        if (found.isEmpty() || found.get().definition().category() != SkuCategory.BARE_METAL
                || found.get().definition().unit() != UsageUnit.MONTH) {
            throw new InvalidRequestException("sku", "sku is not a bare-metal SKU priced per month in the catalogue;"
                    + " send monthlyPrice or price the SKU first.");
        }
        Optional<PriceVersion> version = found.get().priceAt(start, calendar.zone());
        if (version.isEmpty()) {
            throw new InvalidRequestException("sku", "the catalogue has no price for sku on the term's first day.");
        }
        return price(Micros.toMoney(version.get().unitPriceMicros(), currency).amount());
    }
}
