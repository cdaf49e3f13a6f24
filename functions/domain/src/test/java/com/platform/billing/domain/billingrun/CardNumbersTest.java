package com.platform.billing.domain.billingrun;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CardNumbersTest {

    @Test
    void containsCardNumber_whenPanInAnyCommonForm_isTrue() {
        assertTrue(CardNumbers.containsCardNumber("4111111111111111"));
        assertTrue(CardNumbers.containsCardNumber("4111 1111 1111 1111"));
        assertTrue(CardNumbers.containsCardNumber("card 5555-5555-5555-4444 exp 12/30"));
        assertTrue(CardNumbers.containsCardNumber("378282246310005")); // Amex, 15 digits
    }

    @Test
    void containsCardNumber_whenTokensMasksOrNonLuhnDigits_isFalse() {
        assertFalse(CardNumbers.containsCardNumber("•••• 4242"));
        assertFalse(CardNumbers.containsCardNumber("481111ROMUdhBGeSmMoPGhNVgiLv1114")); // Midtrans-style token
        assertFalse(CardNumbers.containsCardNumber("tok_ok_org-1"));
        assertFalse(CardNumbers.containsCardNumber("4111111111111112")); // fails Luhn
        assertFalse(CardNumbers.containsCardNumber("123456789012")); // 12 digits
        assertFalse(CardNumbers.containsCardNumber(null));
    }
}
