package com.platform.billing.functions.invoicing;

import com.platform.billing.api.Metrics;
import com.platform.billing.domain.billingrun.PostpaidCharging;

/**
 * The metric of a postpaid card charge's result, from both places that charge (first attempt after issue, daily
 * retries): {@code CardChargePaid}, {@code CardChargeUnknown} (the gateway's answer was lost; checked again later), and
 * {@code CardChargeFailed} by {@code Reason} (declined, token invalid, no card, past due). Results that charged nothing
 * because nothing was due are not counted.
 */
final class CardChargeMetrics {

    private CardChargeMetrics() {
    }

    static PostpaidCharging.Result counted(PostpaidCharging.Result result) {
        switch (result) {
            case PAID -> Metrics.count("CardChargePaid");
            case UNKNOWN -> Metrics.count("CardChargeUnknown");
            case DECLINED, TOKEN_INVALID, NO_CARD, PAST_DUE ->
                    Metrics.count("CardChargeFailed", "Reason", result.name());
            case NOT_DUE, NOTHING_DUE, BUSY -> {
                // nothing was attempted
            }
        }
        return result;
    }
}
