package com.platform.billing.domain.billingrun;

/**
 * Detects a primary account number (PAN) in text: a run of 13 to 19 digits (single spaces or dashes allowed between
 * them, as people type card numbers) that passes the Luhn check. Gateway tokens are not PANs (Midtrans embeds the
 * first six and last four digits around letters; Xendit uses hex ids), so they pass.
 */
public final class CardNumbers {

    private CardNumbers() {
    }

    public static boolean containsCardNumber(String text) {
        if (text == null) {
            return false;
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : 'x';
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if ((c == ' ' || c == '-') && !digits.isEmpty()) {
                continue;
            } else {
                if (anyPan(digits)) {
                    return true;
                }
                digits.setLength(0);
            }
        }
        return false;
    }

    /** A whole run of 13-19 digits (separators dropped) that passes Luhn. */
    private static boolean anyPan(CharSequence digits) {
        return digits.length() >= 13 && digits.length() <= 19 && luhn(digits, 0, digits.length());
    }

    static boolean luhn(CharSequence digits, int start, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            int d = digits.charAt(start + length - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
