package com.platform.billing.domain.voucher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a code into its voucher id with a keyed hash: {@code vch_} + the first 128 bits of
 * HMAC-SHA256(pepper, normalized code), in lower-case Crockford base32. The table stores only this id (and the last
 * four characters of the code), so a dump of the table does not reveal a single unredeemed code; without the pepper
 * the ids cannot even be brute-forced offline. The id is also the item key, so redeeming reads the voucher with one
 * key lookup and a code can only ever belong to one voucher.
 *
 * <p>The pepper comes from configuration (Secrets Manager when deployed) and must never change: a new pepper makes
 * every existing code unknown.
 */
public final class VoucherCodeHasher {

    public static final int MIN_PEPPER_BYTES = 32;
    private static final String BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int ID_BYTES = 16;
    private static final Pattern VOUCHER_ID = Pattern.compile("vch_[0-9a-hjkmnp-tv-z]{26}");

    private final SecretKeySpec key;

    public VoucherCodeHasher(byte[] pepper) {
        if (pepper == null || pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalArgumentException("the voucher code pepper must be at least " + MIN_PEPPER_BYTES
                    + " bytes");
        }
        this.key = new SecretKeySpec(pepper.clone(), "HmacSHA256");
    }

    public static VoucherCodeHasher ofPepper(String pepper) {
        return new VoucherCodeHasher(pepper == null ? null : pepper.getBytes(StandardCharsets.UTF_8));
    }

    public String voucherId(VoucherCode code) {
        byte[] digest;
        try {
            // A Mac is not thread-safe and cheap to make; one per call keeps this class immutable.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            digest = mac.doFinal(code.normalized().getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
        return "vch_" + base32(digest, ID_BYTES);
    }

    /** Whether {@code id} has the shape of a voucher id (anything else cannot exist and answers 404). */
    public static boolean isVoucherId(String id) {
        return id != null && VOUCHER_ID.matcher(id).matches();
    }

    private static String base32(byte[] bytes, int length) {
        StringBuilder out = new StringBuilder((length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
