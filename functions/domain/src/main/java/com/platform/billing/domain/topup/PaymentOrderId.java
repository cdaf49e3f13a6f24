package com.platform.billing.domain.topup;

import com.platform.billing.domain.OrgId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Payment order ids. The id is also the gateway's order id / external id, so it must be at most 50 characters of
 * {@code [A-Za-z0-9-_~.]} (Midtrans' rule, the strictest). Two forms:
 * <ul>
 *   <li>{@code {orgId}~{13 chars}} when the org id has at most 36 characters (every UUID-shaped or slug org id):
 *       the 13 characters are base64url of 78 bits, a UUIDv7-style 48-bit millisecond timestamp followed by 30
 *       random bits. Carrying the org lets the webhook read the order <em>and</em> the org's account in one
 *       BatchGetItem (the callback's one-read budget): the org part is only a hint, always checked against the
 *       order item, and it sits inside what the gateway signs (Midtrans) or behind the callback token (Xendit).</li>
 *   <li>{@code {22 chars}}, base64url of a full UUIDv7, for longer org ids: then the webhook needs a second read.</li>
 * </ul>
 * Uniqueness is enforced by the conditional create of the order item ({@code attribute_not_exists}); a clash of the
 * 30 random bits within the same org and millisecond (≈1e-9) is refused and retried by the caller like any conflict.
 */
public final class PaymentOrderId {

    public static final int MAX_LENGTH = 50;
    public static final int MAX_EMBEDDED_ORG_LENGTH = 36;
    private static final char SEPARATOR = '~';
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.~-]{1,50}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private PaymentOrderId() {
    }

    public static String newId(String orgId, Clock clock) {
        OrgId.requireValid(orgId);
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        if (orgId.length() <= MAX_EMBEDDED_ORG_LENGTH) {
            // 48-bit time + 30 random bits = 78 bits; pad to 80 bits (10 bytes) and keep the first 13 base64 chars.
            long random = RANDOM.nextInt(1 << 30);
            byte[] bytes = new byte[10];
            long high = (millis << 16) | (random >>> 14);
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (high >>> (56 - 8 * i));
            }
            int low = (int) ((random & 0x3FFF) << 2);
            bytes[8] = (byte) (low >>> 8);
            bytes[9] = (byte) low;
            return orgId + SEPARATOR + BASE64URL.encodeToString(bytes).substring(0, 13);
        }
        byte[] bytes = new byte[16];
        long msb = (millis << 16) | (0x7L << 12) | RANDOM.nextInt(1 << 12);
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return BASE64URL.encodeToString(bytes);
    }

    public static boolean isValid(String orderId) {
        return orderId != null && VALID.matcher(orderId).matches();
    }

    /** The org id an order id carries, if it is of the first form. A hint only: always check it against the order. */
    public static Optional<String> orgHint(String orderId) {
        if (!isValid(orderId)) {
            return Optional.empty();
        }
        int separator = orderId.indexOf(SEPARATOR);
        if (separator <= 0 || separator != orderId.lastIndexOf(SEPARATOR)) {
            return Optional.empty();
        }
        String org = orderId.substring(0, separator);
        return OrgId.isValid(org) ? Optional.of(org) : Optional.empty();
    }
}
