package com.platform.billing.domain.usage;

import java.time.Duration;

/**
 * The timing rules that make "a price change never rewrites usage already rated" hold even though every container
 * rates from a cached catalogue:
 * <ul>
 *   <li>usage is rated with the price in effect at the record's {@code start};</li>
 *   <li>a record's {@code end} may be at most {@link #MAX_FUTURE_SKEW} ahead of our clock;</li>
 *   <li>a cached catalogue is used for at most its TTL, which must be below {@link #PRICE_LEAD_TIME} minus the
 *       skew;</li>
 *   <li>a new price of an SKU that already has one takes effect at 00:00 (platform zone) of a date at least
 *       {@link #PRICE_LEAD_TIME} away.</li>
 * </ul>
 * So when a container still rates with a catalogue loaded before a price was set, every record it can see starts
 * before that price's first instant: nothing already rated ever falls under a later price, and a stale cache never
 * misprices. The first price of a brand-new SKU may carry any date: no usage was rated on an SKU without a price.
 */
public final class CataloguePolicy {

    public static final Duration PRICE_LEAD_TIME = Duration.ofHours(1);
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    /** After an SKU miss the cache reloads at most this often (a new SKU becomes usable within seconds). */
    public static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private CataloguePolicy() {
    }

    /** Refuses a cache TTL that would break the rule above. */
    public static Duration requireSafeTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.plus(MAX_FUTURE_SKEW).compareTo(PRICE_LEAD_TIME) >= 0) {
            throw new IllegalArgumentException("catalogue cache TTL must be below " + PRICE_LEAD_TIME.minus(
                    MAX_FUTURE_SKEW) + " so that a cached catalogue can never rate under a newer price");
        }
        return ttl;
    }
}
