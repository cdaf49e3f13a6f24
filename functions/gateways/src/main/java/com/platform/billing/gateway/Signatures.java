package com.platform.billing.gateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The few cryptographic primitives the gateways use, and the one way we compare secrets: in constant time. */
public final class Signatures {

    private static final HexFormat HEX = HexFormat.of();

    private Signatures() {
    }

    /** Lower-case hex SHA-512 of the UTF-8 bytes of {@code text} (Midtrans {@code signature_key}). */
    public static String sha512Hex(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }

    /** Lower-case hex HMAC-SHA256 of {@code data} under {@code key} (the sandbox gateway's signatures). */
    public static String hmacSha256Hex(String key, byte[] data) {
        return HEX.formatHex(hmacSha256(key, data));
    }

    public static byte[] hmacSha256(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Compares a received secret value (signature, token) with the expected one without leaking, through timing,
     * how much of it matched. A null received value never matches.
     */
    public static boolean constantTimeEquals(String expected, String received) {
        if (expected == null || received == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                received.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes a hex string spells (either case), or null when it is not hex: a malformed value simply fails. */
    public static byte[] parseHexOrNull(String hex) {
        if (hex == null || hex.isEmpty() || hex.length() % 2 != 0) {
            return null;
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    /** HTTP Basic credentials with {@code user} as the user name and an empty password (Midtrans, Xendit). */
    public static String basicAuth(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8));
    }
}
