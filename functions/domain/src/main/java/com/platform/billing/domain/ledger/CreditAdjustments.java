package com.platform.billing.domain.ledger;

import com.platform.billing.domain.Ids;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.Ledger;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.OrgId;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import com.platform.billing.domain.TransferOutcome;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * The dashboard's "fill in credit": an admin adds or removes credit with a reason. The transfer id comes from the
 * caller's Idempotency-Key when given, so a retried click applies once; without one every call is a new adjustment.
 */
public final class CreditAdjustments {

    public static final int MAX_REASON_LENGTH = 500;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.~-]{1,100}");

    private final Ledger ledger;
    private final Clock clock;
    private final long maxAbsoluteAmount;

    public CreditAdjustments(Ledger ledger, Clock clock, long maxAbsoluteAmount) {
        this.ledger = ledger;
        this.clock = clock;
        this.maxAbsoluteAmount = maxAbsoluteAmount;
    }

    public TransferOutcome adjust(String orgId, Money amount, String reason, String actor, String idempotencyKey) {
        OrgId.requireValid(orgId);
        if (amount.isZero()) {
            throw new InvalidRequestException("amount", "amount must not be zero.");
        }
        if (amount.amount() == Long.MIN_VALUE || Math.abs(amount.amount()) > maxAbsoluteAmount) {
            throw new InvalidRequestException("amount", "amount must be at most " + maxAbsoluteAmount + " either way.");
        }
        String cleanReason = validReason(reason);
        String key;
        if (idempotencyKey == null) {
            key = Ids.uuidV7(clock);
        } else if (IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            key = idempotencyKey;
        } else {
            throw new InvalidRequestException("Idempotency-Key",
                    "Idempotency-Key must be 1-100 characters of letters, digits, '_', '.', '~' or '-'.");
        }
        Transfer transfer = new Transfer(TransferId.of("adjustment", orgId, key), orgId, TransferKind.ADJUSTMENT,
                amount, "", actor, cleanReason);
        return ledger.apply(transfer);
    }

    static String validReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("reason", "reason is required.");
        }
        String trimmed = reason.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_REASON_LENGTH) {
            throw new InvalidRequestException("reason", "reason must be at most " + MAX_REASON_LENGTH + " characters.");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("reason", "reason must not contain control characters.");
        }
        return trimmed;
    }
}
