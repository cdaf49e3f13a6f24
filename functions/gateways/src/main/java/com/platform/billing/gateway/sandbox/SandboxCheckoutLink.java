package com.platform.billing.gateway.sandbox;

import com.platform.billing.gateway.Signatures;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the sandbox's payment page needs to know about an order, carried in the page's URL and signed with the
 * sandbox secret — so the page and the gateway adapter share no state, the page works from any process that has the
 * secret, and a tampered amount or order id is refused.
 *
 * <p>Signature: lower-case hex HMAC-SHA256(sandboxSecret, {@code "sandbox-checkout\n" + orderId + "\n" + amount +
 * "\n" + currency + "\n" + expires + "\n" + method + "\n" + finish + "\n" + desc}) (empty strings for absent
 * values), followed by {@code "\nsave-card"} for a card registration's page (so a payment link cannot be turned into
 * a registration, and every link made before registrations existed still verifies). The fixed first line keeps it
 * distinct from a notification signature, which covers a JSON body.
 *
 * @param amount    in the currency's minor unit (for IDR, rupiah)
 * @param expires   epoch seconds after which the page takes no payment
 * @param method    the method code the customer chose in the console, or "" to let them choose on the page
 * @param finishUrl where the browser goes afterwards, or ""
 * @param saveCard  a card registration: the page takes a (test) card, and a paid notification carries its token
 */
record SandboxCheckoutLink(String orderId, long amount, String currency, long expires, String method,
                           String finishUrl, String description, boolean saveCard) {

    static final String MOUNT = "/_sandbox/";

    String canonical() {
        return "sandbox-checkout\n" + orderId + "\n" + amount + "\n" + currency + "\n" + expires + "\n" + method
                + "\n" + finishUrl + "\n" + description + (saveCard ? "\nsave-card" : "");
    }

    String signature(String secret) {
        return Signatures.hmacSha256Hex(secret, canonical().getBytes(StandardCharsets.UTF_8));
    }

    /** The signed fields, as query parameters or hidden form fields (the order id travels in the path). */
    Map<String, String> parameters(String secret) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("amount", Long.toString(amount));
        parameters.put("currency", currency);
        parameters.put("expires", Long.toString(expires));
        parameters.put("method", method);
        parameters.put("finish", finishUrl);
        parameters.put("desc", description);
        if (saveCard) {
            parameters.put("card", "save");
        }
        parameters.put("sig", signature(secret));
        return parameters;
    }

    URI pageUrl(URI localBase, String secret) {
        String base = localBase.toString().endsWith("/") ? localBase.toString().substring(0,
                localBase.toString().length() - 1) : localBase.toString();
        StringBuilder url = new StringBuilder(base).append(MOUNT).append("checkout/").append(orderId).append('?');
        parameters(secret).forEach((name, value) -> url.append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        return URI.create(url.toString());
    }

    /** Reads and verifies a link; null when anything is missing, malformed or not signed with {@code secret}. */
    static SandboxCheckoutLink verify(String orderId, Map<String, String> parameters, String secret) {
        try {
            SandboxCheckoutLink link = new SandboxCheckoutLink(orderId,
                    Long.parseLong(parameters.getOrDefault("amount", "")),
                    parameters.getOrDefault("currency", ""),
                    Long.parseLong(parameters.getOrDefault("expires", "")),
                    parameters.getOrDefault("method", ""),
                    parameters.getOrDefault("finish", ""),
                    parameters.getOrDefault("desc", ""),
                    "save".equals(parameters.get("card")));
            byte[] received = Signatures.parseHexOrNull(parameters.get("sig"));
            byte[] expected = Signatures.hmacSha256(secret, link.canonical().getBytes(StandardCharsets.UTF_8));
            return received != null && MessageDigest.isEqual(expected, received) ? link : null;
        } catch (NumberFormatException malformed) {
            return null;
        }
    }
}
