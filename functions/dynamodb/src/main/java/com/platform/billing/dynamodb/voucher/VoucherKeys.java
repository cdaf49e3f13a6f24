package com.platform.billing.dynamodb.voucher;

import com.platform.billing.dynamodb.Keys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Key formats of the voucher items (one factory method per entity; raw ids are stored as attributes too):
 * <pre>
 * VOUCHER#{voucherId}                    VOUCHER                                   the voucher and its redeemed count
 * VOUCHER#{voucherId}                    ORG#{orgId}                               one org's redemptions of it
 * ORG#{orgId}                            VOUCHER_REDEMPTION#{time}#{voucherId}#{n} the org's history, newest last
 * RATELIMIT#VOUCHER#ORG#{orgId}          WINDOW#{windowStartEpochMillis}           an org's failures in a window
 * RATELIMIT#VOUCHER#CALLER#{sha256(sub)} WINDOW#{windowStartEpochMillis}           a caller's failures in a window
 * </pre>
 * The voucher id is the keyed hash of the code, so the code itself appears in no key and no attribute.
 */
public final class VoucherKeys {

    public static final String VOUCHER_PREFIX = "VOUCHER#";
    public static final String ORG_USAGE_PREFIX = "ORG#";
    public static final String REDEMPTION_PREFIX = "VOUCHER_REDEMPTION#";

    private VoucherKeys() {
    }

    public static String voucherPk(String voucherId) {
        return VOUCHER_PREFIX + voucherId;
    }

    public static String voucherSk() {
        return "VOUCHER";
    }

    public static String orgUsageSk(String orgId) {
        return ORG_USAGE_PREFIX + orgId;
    }

    /** Under the org's partition; the fixed-width time makes the sort key time order. */
    public static String redemptionSk(String redeemedAt, String voucherId, int ordinal) {
        return REDEMPTION_PREFIX + redeemedAt + "#" + voucherId + "#" + String.format("%03d", ordinal);
    }

    public static String orgPk(String orgId) {
        return Keys.orgPk(orgId);
    }

    public static String orgLimiterPk(String orgId) {
        return "RATELIMIT#VOUCHER#ORG#" + orgId;
    }

    /** A caller's subject can be any string; its SHA-256 keeps the key short and safe. */
    public static String callerLimiterPk(String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return "RATELIMIT#VOUCHER#CALLER#" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** One counter item per fixed window; TTL removes it after the window. */
    public static String limiterSk(Instant windowStart) {
        return "WINDOW#" + windowStart.toEpochMilli();
    }
}
