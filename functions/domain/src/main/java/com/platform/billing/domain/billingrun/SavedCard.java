package com.platform.billing.domain.billingrun;

import com.platform.billing.domain.InvalidRequestException;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A postpaid org's saved card: the gateway's token and what a person may see (brand, masked number, expiry). A card
 * number is never accepted, stored or logged: {@link #validate} refuses anything that looks like one.
 */
public record SavedCard(String orgId, String provider, String cardToken, String brand, String maskedNumber,
                        int expiryMonth, int expiryYear, String setBy, Instant setAt) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:~-]{0,199}");
    private static final Pattern MASKED = Pattern.compile("[•*xX]{4} [0-9]{4}");
    private static final Pattern BRAND = Pattern.compile("[A-Za-z][A-Za-z0-9 _-]{0,29}");
    private static final Pattern PROVIDER = Pattern.compile("midtrans|xendit|sandbox");

    public SavedCard {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(cardToken, "cardToken");
        Objects.requireNonNull(setAt, "setAt");
    }

    /** Checks every field; the token and every text must not contain a card number. */
    public static SavedCard validate(String orgId, String provider, String cardToken, String brand,
                                     String maskedNumber, long expiryMonth, long expiryYear, String setBy,
                                     Instant setAt) {
        for (String[] field : new String[][] {{"cardToken", cardToken}, {"brand", brand},
                {"maskedNumber", maskedNumber}, {"provider", provider}}) {
            if (CardNumbers.containsCardNumber(field[1])) {
                throw new CardNumberRefusedException(field[0]);
            }
        }
        if (!PROVIDER.matcher(provider).matches()) {
            throw new InvalidRequestException("provider", "provider must be midtrans, xendit or sandbox.");
        }
        if (!TOKEN.matcher(cardToken).matches()) {
            throw new InvalidRequestException("cardToken", "cardToken must be the gateway's token (1-200 of"
                    + " A-Z a-z 0-9 _ . : ~ -).");
        }
        if (!BRAND.matcher(brand).matches()) {
            throw new InvalidRequestException("brand", "brand must be 1-30 letters, digits, spaces, '_' or '-'.");
        }
        if (!MASKED.matcher(maskedNumber).matches()) {
            throw new InvalidRequestException("maskedNumber", "maskedNumber must be four mask characters, a space"
                    + " and the last four digits, like \"•••• 4242\".");
        }
        if (expiryMonth < 1 || expiryMonth > 12) {
            throw new InvalidRequestException("expiryMonth", "expiryMonth must be 1 to 12.");
        }
        if (expiryYear < 2000 || expiryYear > 2100) {
            throw new InvalidRequestException("expiryYear", "expiryYear must be a four-digit year.");
        }
        return new SavedCard(orgId, provider, cardToken, brand, maskedNumber, (int) expiryMonth, (int) expiryYear,
                setBy, setAt);
    }
}
