package com.platform.billing.domain.topup;

import com.platform.billing.domain.InvalidRequestException;
import java.util.regex.Pattern;

/** The {@code Idempotency-Key} header of the console's payment routes. */
final class IdempotencyKeys {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.~-]{1,100}");

    private IdempotencyKeys() {
    }

    /** Null when no key was sent; the request's fingerprint otherwise. */
    static PaymentOrderStore.Idempotency of(String key, String fingerprint) {
        if (key == null) {
            return null;
        }
        if (!VALID.matcher(key).matches()) {
            throw new InvalidRequestException("Idempotency-Key",
                    "Idempotency-Key must be 1-100 characters of letters, digits, '_', '.', '~' or '-'.");
        }
        return new PaymentOrderStore.Idempotency(key, fingerprint);
    }
}
