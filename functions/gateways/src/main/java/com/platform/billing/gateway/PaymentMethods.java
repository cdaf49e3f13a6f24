package com.platform.billing.gateway;

import com.platform.billing.domain.payment.PaymentMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The payment method codes each gateway understands, with the names the console shows. A deployment enables a subset
 * with {@code PAYMENT_METHODS}; a code not in its gateway's table stops the function at start-up, so a typo never
 * reaches a customer as a payment page error.
 */
public final class PaymentMethods {

    /** Snap {@code enabled_payments} codes. {@code bank_transfer} is Midtrans' alias for every VA bank. */
    private static final List<PaymentMethod> MIDTRANS = List.of(
            new PaymentMethod("credit_card", "Credit or debit card"),
            new PaymentMethod("gopay", "GoPay"),
            new PaymentMethod("shopeepay", "ShopeePay"),
            new PaymentMethod("bca_va", "BCA Virtual Account"),
            new PaymentMethod("bni_va", "BNI Virtual Account"),
            new PaymentMethod("bri_va", "BRI Virtual Account"),
            new PaymentMethod("permata_va", "Permata Virtual Account"),
            new PaymentMethod("echannel", "Mandiri Bill Payment"),
            new PaymentMethod("other_va", "Other banks' Virtual Account"),
            new PaymentMethod("indomaret", "Indomaret"),
            new PaymentMethod("alfamart", "Alfamart"),
            new PaymentMethod("akulaku", "Akulaku PayLater"),
            new PaymentMethod("bank_transfer", "Bank transfer (Virtual Account)"));

    /** Xendit Invoice {@code payment_methods} codes. */
    private static final List<PaymentMethod> XENDIT = List.of(
            new PaymentMethod("CREDIT_CARD", "Credit or debit card"),
            new PaymentMethod("BCA", "BCA Virtual Account"),
            new PaymentMethod("BNI", "BNI Virtual Account"),
            new PaymentMethod("BRI", "BRI Virtual Account"),
            new PaymentMethod("MANDIRI", "Mandiri Virtual Account"),
            new PaymentMethod("PERMATA", "Permata Virtual Account"),
            new PaymentMethod("BSI", "BSI Virtual Account"),
            new PaymentMethod("ALFAMART", "Alfamart"),
            new PaymentMethod("INDOMARET", "Indomaret"),
            new PaymentMethod("OVO", "OVO"),
            new PaymentMethod("DANA", "DANA"),
            new PaymentMethod("SHOPEEPAY", "ShopeePay"),
            new PaymentMethod("LINKAJA", "LinkAja"),
            new PaymentMethod("QRIS", "QRIS"));

    /** The local sandbox gateway's methods (it treats them all alike). */
    private static final List<PaymentMethod> SANDBOX = List.of(
            new PaymentMethod("bank_transfer", "Bank transfer (sandbox Virtual Account)"),
            new PaymentMethod("card", "Card (sandbox)"),
            new PaymentMethod("ewallet", "E-wallet (sandbox)"),
            new PaymentMethod("qris", "QRIS (sandbox)"));

    /** Codes left out of the default list because they duplicate others. */
    private static final Set<String> ALIASES = Set.of("midtrans:bank_transfer");

    private static final Map<String, List<PaymentMethod>> CATALOGUES = Map.of(
            "midtrans", MIDTRANS, "xendit", XENDIT, "sandbox", SANDBOX);

    private PaymentMethods() {
    }

    /** Every method the gateway's table knows, in display order. */
    public static List<PaymentMethod> catalogue(String provider) {
        List<PaymentMethod> methods = CATALOGUES.get(provider);
        if (methods == null) {
            throw new IllegalStateException("unknown payment gateway " + provider);
        }
        return methods;
    }

    /**
     * The enabled methods: {@code codes} (comma-separated, case-insensitive, in the order given) or, when null or
     * blank, the whole table without aliases.
     *
     * @throws IllegalStateException naming the unknown code
     */
    public static List<PaymentMethod> resolve(String provider, String codes) {
        List<PaymentMethod> catalogue = catalogue(provider);
        if (codes == null || codes.isBlank()) {
            return catalogue.stream().filter(m -> !ALIASES.contains(provider + ":" + m.code())).toList();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<PaymentMethod> enabled = new ArrayList<>();
        for (String raw : codes.split(",")) {
            String code = raw.strip();
            if (code.isEmpty()) {
                continue;
            }
            PaymentMethod method = catalogue.stream().filter(m -> m.code().equalsIgnoreCase(code)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("PAYMENT_METHODS: " + code + " is not a " + provider
                            + " payment method; known: " + catalogue.stream().map(PaymentMethod::code).toList()));
            if (!seen.add(method.code().toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("PAYMENT_METHODS: " + method.code() + " is listed twice");
            }
            enabled.add(method);
        }
        if (enabled.isEmpty()) {
            throw new IllegalStateException("PAYMENT_METHODS lists no method");
        }
        return List.copyOf(enabled);
    }
}
