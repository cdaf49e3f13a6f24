package com.platform.billing.gateway.midtrans;

import com.platform.billing.domain.payment.PaymentStatus;

/**
 * Midtrans {@code transaction_status} (+ {@code fraud_status}) → our {@link PaymentStatus}. One table for
 * notifications, the Get Status API and card charges.
 *
 * <table>
 *   <tr><th>transaction_status</th><th>fraud_status</th><th>ours</th></tr>
 *   <tr><td>settlement</td><td>any</td><td>PAID</td></tr>
 *   <tr><td>capture</td><td>accept</td><td>PAID</td></tr>
 *   <tr><td>capture</td><td>challenge, absent or other</td><td>PENDING (the merchant must review it)</td></tr>
 *   <tr><td>capture</td><td>deny</td><td>FAILED</td></tr>
 *   <tr><td>pending, authorize</td><td></td><td>PENDING</td></tr>
 *   <tr><td>deny, cancel, failure</td><td></td><td>FAILED</td></tr>
 *   <tr><td>expire</td><td></td><td>EXPIRED</td></tr>
 *   <tr><td>refund / partial_refund</td><td></td><td>REFUNDED / PARTIALLY_REFUNDED</td></tr>
 *   <tr><td>chargeback, partial_chargeback</td><td></td><td>CHARGED_BACK</td></tr>
 * </table>
 * Anything else is unknown (null): a notification with it is refused as malformed.
 */
public final class MidtransStatuses {

    private MidtransStatuses() {
    }

    /** Our status, or null for a status word Midtrans does not document. */
    public static PaymentStatus map(String transactionStatus, String fraudStatus) {
        if (transactionStatus == null) {
            return null;
        }
        return switch (transactionStatus) {
            case "settlement" -> PaymentStatus.PAID;
            case "capture" -> switch (fraudStatus == null ? "" : fraudStatus) {
                case "accept" -> PaymentStatus.PAID;
                case "deny" -> PaymentStatus.FAILED;
                default -> PaymentStatus.PENDING;
            };
            case "pending", "authorize" -> PaymentStatus.PENDING;
            case "deny", "cancel", "failure" -> PaymentStatus.FAILED;
            case "expire" -> PaymentStatus.EXPIRED;
            case "refund" -> PaymentStatus.REFUNDED;
            case "partial_refund" -> PaymentStatus.PARTIALLY_REFUNDED;
            case "chargeback", "partial_chargeback" -> PaymentStatus.CHARGED_BACK;
            default -> null;
        };
    }

    /** The gateway's words as we keep them: {@code "capture/accept"}, {@code "settlement"}. */
    public static String describe(String transactionStatus, String fraudStatus) {
        return fraudStatus == null || fraudStatus.isEmpty() ? transactionStatus
                : transactionStatus + "/" + fraudStatus;
    }
}
