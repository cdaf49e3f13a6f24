package com.platform.billing.domain.usage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A valid usage record, rated when recorded: {@code amountMicros = quantity × unit price} with the price in effect
 * at {@code start}. It is never re-rated: the amount stays whatever later price changes say.
 *
 * @param usagePeriod the platform-zone month of {@code start} (a record spanning a month boundary belongs wholly
 *                    to the month it starts in)
 */
public record RatedUsage(String orgId, String id, String resourceId, SkuDefinition sku, long quantityMicros,
                         Instant start, Instant end, YearMonth usagePeriod, PriceVersion price, long amountMicros) {

    public RatedUsage {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(usagePeriod, "usagePeriod");
        Objects.requireNonNull(price, "price");
    }

    /**
     * A digest of what the platform said (not of what we derived): a record id seen again with the same fingerprint
     * is a replay; with another fingerprint it is a conflicting record and is refused.
     */
    public String fingerprint() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
        for (String field : new String[] {orgId, id, resourceId, sku.sku(), Long.toString(quantityMicros),
                start.toString(), end.toString()}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) ':');
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
