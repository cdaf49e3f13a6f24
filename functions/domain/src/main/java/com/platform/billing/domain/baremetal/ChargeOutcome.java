package com.platform.billing.domain.baremetal;

import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.Invoice;

/**
 * The answer to the platform: the term's invoice, whether it is paid ({@link PaymentState}), and how.
 *
 * @param replayed   the term had been charged before (a retried call): this is that invoice, nothing new was charged
 * @param cardCharge what the saved-card charge did (postpaid), e.g. PAID or DECLINED; null when no card was involved
 */
public record ChargeOutcome(Invoice invoice, BillingType billingType, PaymentState payment, boolean replayed,
                            String cardCharge, BareMetalTermRef term) {
}
