package com.platform.billing.domain.voucher;

import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.LedgerRules;
import com.platform.billing.domain.OrgId;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferConflictException;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.TransferOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Redeeming a voucher code for an organization, and the organization's redemption history.
 *
 * <p>A redemption costs one read and one transaction: {@link #prepare} reads the voucher, the account, the org's
 * count and both attempt counters in one request and decides; {@link #commit} writes credit, counts, history and
 * event in one transaction whose conditions re-check every rule, so a decision made on a stale read can only be
 * refused, never applied twice. Failed attempts (any {@link VoucherRefusedException}) are counted per org and per
 * caller; that costs writes only on the failure path.
 *
 * <p>The transfer id is {@code voucher:{voucherId}:{orgId}} when an org may redeem the voucher once, and
 * {@code voucher:{voucherId}:{orgId}:{n}} for its n-th redemption otherwise: the ledger applies each at most once.
 */
public final class VoucherRedemptions {

    public static final String EVENT_TYPE = "VoucherRedeemed";

    /** A successful redemption: the ledger entry (with the new balance) and the history record. */
    public record Redeemed(LedgerEntry entry, Redemption redemption) {
    }

    private final VoucherStore store;
    private final VoucherCodeHasher hasher;
    private final Clock clock;
    private final AttemptPolicy policy;

    public VoucherRedemptions(VoucherStore store, VoucherCodeHasher hasher, Clock clock, AttemptPolicy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public Redeemed redeem(String orgId, String actor, String rawCode) {
        return commit(prepare(orgId, actor, rawCode));
    }

    /**
     * Reads and decides. Input that cannot be a code is refused before anything is read; a locked-out org or caller
     * is refused before the code is even looked at (so a correct code answers exactly like a wrong one).
     */
    public RedemptionPlan prepare(String orgId, String actor, String rawCode) {
        OrgId.requireValid(orgId);
        Objects.requireNonNull(actor, "actor");
        VoucherCode code = VoucherCode.parse(rawCode, "code");
        String voucherId = hasher.voucherId(code);
        Instant now = clock.instant();
        RedemptionContext context = store.loadForRedemption(voucherId, orgId, actor, policy.windowStart(now));
        refuseIfLocked(context, now);
        BillingAccount account = context.account().orElseThrow(AccountNotFoundException::new);
        Voucher voucher = context.voucher().orElseThrow(() -> failed(orgId, actor, new VoucherInvalidException()));
        Optional<VoucherRefusedException> refusal = voucher.refusalFor(orgId, now);
        if (refusal.isPresent()) {
            throw failed(orgId, actor, refusal.get());
        }
        int perOrgLimit = voucher.terms().perOrgLimit();
        if (context.orgRedemptions() >= perOrgLimit) {
            throw failed(orgId, actor, new VoucherAlreadyRedeemedException(perOrgLimit));
        }
        int ordinal = context.orgRedemptions() + 1;
        TransferId transferId = perOrgLimit == 1 ? TransferId.of("voucher", voucherId, orgId)
                : TransferId.of("voucher", voucherId, orgId, Integer.toString(ordinal));
        Transfer transfer = new Transfer(transferId, orgId, TransferKind.VOUCHER, voucher.terms().amount(),
                voucherId, actor, "Voucher " + VoucherCode.masked(voucher.codeLastFour()));
        LedgerEntry entry = LedgerRules.nextEntry(account, transfer, now);
        Redemption redemption = new Redemption(orgId, voucherId, voucher.codeLastFour(), voucher.terms().amount(),
                transferId, ordinal, now, actor);
        return new RedemptionPlan(transfer, account, entry, voucher, context.orgRedemptions(), redemption, now,
                policy);
    }

    /** Writes a prepared redemption (one transaction). */
    public Redeemed commit(RedemptionPlan plan) {
        TransferOutcome outcome;
        try {
            outcome = store.redeem(plan);
        } catch (VoucherRefusedException refused) {
            throw failed(plan.orgId(), plan.actor(), refused);
        } catch (TransferConflictException sameOrdinalOtherCaller) {
            throw lostToSameOrg(plan);
        }
        if (outcome.replayed()) {
            throw lostToSameOrg(plan);
        }
        return new Redeemed(outcome.entry(), plan.redemption());
    }

    public Page<Redemption> history(String orgId, String cursor, int limit) {
        OrgId.requireValid(orgId);
        return store.redemptions(orgId, cursor, limit);
    }

    /**
     * Another request of the same org wrote the same redemption ordinal first (a double submit): nothing was applied
     * by this one. At the org's limit that is "already redeemed"; below it, a retry would redeem the next one.
     */
    private RuntimeException lostToSameOrg(RedemptionPlan plan) {
        int perOrgLimit = plan.voucher().terms().perOrgLimit();
        if (plan.ordinal() >= perOrgLimit) {
            return failed(plan.orgId(), plan.actor(), new VoucherAlreadyRedeemedException(perOrgLimit));
        }
        return new ConcurrentUpdateException();
    }

    private void refuseIfLocked(RedemptionContext context, Instant now) {
        Duration wait = Duration.ZERO;
        for (AttemptWindow window : new AttemptWindow[] {context.orgAttempts(), context.callerAttempts()}) {
            if (window.locked(now, policy) && window.retryAfter(now).compareTo(wait) > 0) {
                wait = window.retryAfter(now);
            }
        }
        if (!wait.isZero()) {
            throw new VoucherRateLimitedException(wait);
        }
    }

    /** Counts the failure; answers 429 instead when a concurrent attempt used up the last allowed failure. */
    private RuntimeException failed(String orgId, String actor, VoucherRefusedException refusal) {
        Instant now = clock.instant();
        Optional<Instant> lockedUntil = store.recordFailure(orgId, actor, now, policy);
        if (lockedUntil.isPresent() && now.isBefore(lockedUntil.get())) {
            return new VoucherRateLimitedException(Duration.between(now, lockedUntil.get()));
        }
        return refusal;
    }
}
