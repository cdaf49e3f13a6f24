package com.platform.billing.domain.account;

import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.AccountStore;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.OrgId;
import com.platform.billing.domain.StateConflictException;
import java.time.Clock;
import java.util.Optional;

/**
 * Opening an org's billing account and switching it between prepaid and postpaid (an admin decision).
 *
 * <p>Switching to POSTPAID needs a usable saved card (registered by the org's billing admin), checked in the switching
 * transaction. Credit the org already holds stays on its balance: the monthly invoice of a postpaid org is paid from
 * that credit first and only the rest is charged to the card (see the invoicing README). Opening a new account as
 * POSTPAID stays possible (an account cannot have a card before it exists); until a card is registered its charges
 * find none ({@code PaymentMethodInvalid}, status NO_CARD) and its invoices stay due.
 */
public final class AccountService {

    /** What {@link #openOrChange} did, so the HTTP layer can answer 201 or 200. */
    public enum Change { CREATED, CHANGED, UNCHANGED }

    public record Result(BillingAccount account, Change change) {
    }

    private final AccountStore accounts;
    private final Clock clock;
    private final String currency;

    public AccountService(AccountStore accounts, Clock clock, String currency) {
        this.accounts = accounts;
        this.clock = clock;
        this.currency = currency;
    }

    public Result openOrChange(String orgId, BillingType type, String actor) {
        OrgId.requireValid(orgId);
        AccountStore.Opened opened = accounts.openOrGet(BillingAccount.open(orgId, type, currency, clock.instant()));
        if (opened.created()) {
            return new Result(opened.account(), Change.CREATED);
        }
        BillingAccount current = opened.account();
        if (current.billingType() == type) {
            return new Result(current, Change.UNCHANGED);
        }
        if (type == BillingType.PREPAID && current.balance().isNegative()) {
            // A prepaid balance may never be negative; the debt must be settled (or adjusted) first.
            throw new StateConflictException("negative-balance",
                    "The organization owes " + current.balance().negate() + "; settle it before switching to prepaid.");
        }
        BillingAccount changed = (type == BillingType.POSTPAID
                ? accounts.switchToPostpaid(current, actor, clock.instant())
                : accounts.changeType(orgId, current.billingType(), type, actor, clock.instant()))
                .orElseThrow(ConcurrentUpdateException::new);
        return new Result(changed, Change.CHANGED);
    }

    public BillingAccount get(String orgId) {
        return require(accounts.find(orgId));
    }

    private static BillingAccount require(Optional<BillingAccount> account) {
        return account.orElseThrow(AccountNotFoundException::new);
    }
}
