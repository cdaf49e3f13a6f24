package com.platform.billing.domain.payment;

/**
 * What a gateway tells us about a card it saved: its reusable token and what a person may see. Never a card number:
 * {@code maskedNumber} is four mask characters and the last four digits ({@code "•••• 1114"}).
 *
 * @param expiryMonth 1-12, of the card (or of the token, when the gateway only gives the token's expiry)
 */
public record RegisteredCard(String cardToken, String brand, String maskedNumber, int expiryMonth, int expiryYear) {
}
