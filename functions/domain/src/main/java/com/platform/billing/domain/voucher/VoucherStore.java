package com.platform.billing.domain.voucher;

import com.platform.billing.domain.Page;
import com.platform.billing.domain.TransferOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of vouchers, redemptions and failed-attempt counters. */
public interface VoucherStore {

    /**
     * One read request (strongly consistent) for everything a redemption is decided on; the attempt counters are
     * those of the window starting at {@code attemptWindowStart}.
     */
    RedemptionContext loadForRedemption(String voucherId, String orgId, String callerSubject,
                                        Instant attemptWindowStart);

    /**
     * Writes the plan in one transaction: all of it or nothing.
     *
     * @throws VoucherRefusedException     the voucher or the org's count no longer allows it (decided at write time)
     * @throws VoucherRateLimitedException the org or the caller got locked out since the read
     */
    TransferOutcome redeem(RedemptionPlan plan);

    /**
     * Counts one failed attempt for the org and for the caller in the window {@code now} falls in (one atomic ADD
     * each).
     *
     * @return when the window ends, if the org or the caller had already used up its failures in it
     */
    Optional<Instant> recordFailure(String orgId, String callerSubject, Instant now, AttemptPolicy policy);

    /** The org's redemptions, newest first. */
    Page<Redemption> redemptions(String orgId, String cursor, int limit);

    /** @throws VoucherCodeExistsException a voucher with this id (so this code) exists */
    void create(Voucher voucher);

    /** Creates many vouchers whose ids are random (batch codes); no existing voucher is read first. */
    void createAll(List<Voucher> vouchers);

    Optional<Voucher> find(String voucherId);

    /** Disables an active voucher; a disabled one is returned as it is; empty when there is no such voucher. */
    Optional<Voucher> disable(String voucherId, Voucher.Disablement disablement);

    /** Which orgs redeemed the voucher, how often, in org id order. */
    Page<OrgUsage> usage(String voucherId, String cursor, int limit);
}
