package com.platform.billing.domain.voucher;

import java.time.Instant;

/** How often one organization redeemed one voucher (the admin's usage view). */
public record OrgUsage(String orgId, int redemptions, Instant lastRedeemedAt) {
}
