package com.platform.billing.domain.voucher;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A voucher as stored: its terms, how often it was redeemed, and who created (and maybe disabled) it. The code
 * itself is not here, only its last four characters; {@code id} is the keyed hash of the code
 * ({@link VoucherCodeHasher}).
 *
 * @param batchId    the batch it was created in ("" for a voucher created with its own code)
 * @param disablement who disabled it, when and why; null while active
 */
public record Voucher(String id, String codeLastFour, VoucherTerms terms, long redeemedCount, VoucherStatus status,
                      String batchId, String createdBy, Instant createdAt, Disablement disablement) {

    /** The admin action that stopped a voucher. */
    public record Disablement(String by, Instant at, String reason) {
    }

    public Voucher {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(codeLastFour, "codeLastFour");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (redeemedCount < 0) {
            throw new IllegalArgumentException("redeemedCount must not be negative");
        }
    }

    public static Voucher issue(String id, VoucherCode code, VoucherTerms terms, String batchId, String createdBy,
                                Instant now) {
        return new Voucher(id, code.lastFour(), terms, 0, VoucherStatus.ACTIVE, batchId, createdBy, now, null);
    }

    public Optional<Disablement> disabled() {
        return Optional.ofNullable(disablement);
    }

    public long remaining() {
        return Math.max(0, terms.totalLimit() - redeemedCount);
    }

    /**
     * Why {@code orgId} may not redeem this voucher at {@code now}, if it may not. The order is the answer's
     * precedence: disabled and not-for-this-org first (both look like an unknown code), then the window, then the
     * total limit. The per-org limit is the caller's to check (it lives on another item).
     */
    public Optional<VoucherRefusedException> refusalFor(String orgId, Instant now) {
        if (status != VoucherStatus.ACTIVE || (terms.restricted() && !terms.allowedOrgs().contains(orgId))) {
            return Optional.of(new VoucherInvalidException());
        }
        if (now.isBefore(terms.validFrom())) {
            return Optional.of(new VoucherNotYetValidException(terms.validFrom()));
        }
        if (!now.isBefore(terms.validUntil())) {
            return Optional.of(new VoucherExpiredException());
        }
        if (redeemedCount >= terms.totalLimit()) {
            return Optional.of(new VoucherFullyRedeemedException());
        }
        return Optional.empty();
    }
}
