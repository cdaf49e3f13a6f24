package com.platform.billing.domain.voucher;

import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.OrgId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an admin sets when creating vouchers. The window is half-open: a voucher is redeemable from {@code validFrom}
 * (inclusive) until {@code validUntil} (exclusive), so "until 2026-12-01T00:00+07:00" means the last redeemable
 * instant is 23:59:59.999 on 30 November, Jakarta time.
 *
 * @param allowedOrgs empty = any organization may redeem; otherwise only these
 * @param note        the admin's note ("" when none); shown to admins only
 */
public record VoucherTerms(Money amount, Instant validFrom, Instant validUntil, long totalLimit, int perOrgLimit,
                           Set<String> allowedOrgs, String note) {

    public static final long MAX_TOTAL_LIMIT = 1_000_000;
    public static final int MAX_PER_ORG_LIMIT = 100;
    public static final int MAX_ALLOWED_ORGS = 100;
    public static final int MAX_NOTE_LENGTH = 500;

    public VoucherTerms {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        allowedOrgs = Set.copyOf(new TreeSet<>(allowedOrgs));
        Objects.requireNonNull(note, "note");
    }

    /**
     * Checks the terms an admin sent: positive amount up to {@code maxAmount}, a window that ends after it starts and
     * after now, limits in range with the per-org limit not above the total, valid org ids, a printable note.
     */
    public VoucherTerms validated(Instant now, long maxAmount) {
        if (!amount.isPositive()) {
            throw new InvalidRequestException("amount", "amount must be positive.");
        }
        if (amount.amount() > maxAmount) {
            throw new InvalidRequestException("amount", "amount must be at most " + maxAmount + ".");
        }
        if (!validUntil.isAfter(validFrom)) {
            throw new InvalidRequestException("validUntil", "validUntil must be after validFrom.");
        }
        if (!validUntil.isAfter(now)) {
            throw new InvalidRequestException("validUntil", "validUntil must be in the future.");
        }
        if (totalLimit < 1 || totalLimit > MAX_TOTAL_LIMIT) {
            throw new InvalidRequestException("totalLimit", "totalLimit must be 1 to " + MAX_TOTAL_LIMIT + ".");
        }
        if (perOrgLimit < 1 || perOrgLimit > MAX_PER_ORG_LIMIT) {
            throw new InvalidRequestException("perOrgLimit", "perOrgLimit must be 1 to " + MAX_PER_ORG_LIMIT + ".");
        }
        if (perOrgLimit > totalLimit) {
            throw new InvalidRequestException("perOrgLimit", "perOrgLimit must not exceed totalLimit.");
        }
        if (allowedOrgs.size() > MAX_ALLOWED_ORGS) {
            throw new InvalidRequestException("allowedOrgs", "allowedOrgs lists at most " + MAX_ALLOWED_ORGS
                    + " organizations.");
        }
        for (String org : allowedOrgs) {
            if (!OrgId.isValid(org)) {
                throw new InvalidRequestException("allowedOrgs", "allowedOrgs must hold organization ids.");
            }
        }
        if (note.codePointCount(0, note.length()) > MAX_NOTE_LENGTH) {
            throw new InvalidRequestException("note", "note must be at most " + MAX_NOTE_LENGTH + " characters.");
        }
        if (note.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("note", "note must not contain control characters.");
        }
        return this;
    }

    public boolean restricted() {
        return !allowedOrgs.isEmpty();
    }
}
