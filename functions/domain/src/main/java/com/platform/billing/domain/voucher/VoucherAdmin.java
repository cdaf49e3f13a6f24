package com.platform.billing.domain.voucher;

import com.platform.billing.domain.Ids;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.Page;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dashboard's voucher operations: create one voucher with a chosen code or a batch of random codes, look a
 * voucher up by id or by code, see its usage, disable it. Who created or disabled a voucher is stored on it.
 *
 * <p>Codes are shown once, in the creation response, and never stored: only their keyed hash (the voucher id) and
 * last four characters are. A batch whose response was lost therefore cannot be recovered, and also cannot be
 * redeemed by anyone: create a new one.
 */
public final class VoucherAdmin {

    public static final int MAX_BATCH = 1_000;
    public static final int MAX_REASON_LENGTH = 500;

    /**
     * One created voucher and its code as printed, shown this once: a random code grouped by four
     * ({@code ABCD-EFGH-JKMN-PQRS}), a chosen code in its normalized form ({@code WELCOME2026}).
     */
    public record Issued(String voucherId, String code) {
    }

    /** What a creation made. {@code batchId} is "" for a voucher created with a chosen code. */
    public record Created(String batchId, VoucherTerms terms, String createdBy, Instant createdAt,
                          List<Issued> vouchers) {
    }

    private final VoucherStore store;
    private final VoucherCodeHasher hasher;
    private final Clock clock;
    private final long maxAmount;
    private final SecureRandom random;

    public VoucherAdmin(VoucherStore store, VoucherCodeHasher hasher, Clock clock, long maxAmount,
                        SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAmount = maxAmount;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** One voucher with the admin's own code. @throws VoucherCodeExistsException the code is taken */
    public Created create(String rawCode, VoucherTerms terms, String actor) {
        VoucherCode code = VoucherCode.parse(rawCode, "code");
        Instant now = clock.instant();
        terms.validated(now, maxAmount);
        String id = hasher.voucherId(code);
        store.create(Voucher.issue(id, code, terms, "", actor, now));
        return new Created("", terms, actor, now, List.of(new Issued(id, code.normalized())));
    }

    /** {@code count} vouchers with fresh random codes (80 bits each), all sharing the terms and a batch id. */
    public Created createBatch(int count, VoucherTerms terms, String actor) {
        if (count < 1 || count > MAX_BATCH) {
            throw new InvalidRequestException("count", "count must be 1 to " + MAX_BATCH + ".");
        }
        Instant now = clock.instant();
        terms.validated(now, maxAmount);
        String batchId = Ids.uuidV7(clock);
        // Keyed by id: a repeated code (or id) within the batch is simply drawn again.
        Map<String, VoucherCode> codes = new LinkedHashMap<>();
        while (codes.size() < count) {
            VoucherCode code = VoucherCode.random(random);
            codes.putIfAbsent(hasher.voucherId(code), code);
        }
        List<Voucher> vouchers = new ArrayList<>(count);
        List<Issued> issued = new ArrayList<>(count);
        codes.forEach((id, code) -> {
            vouchers.add(Voucher.issue(id, code, terms, batchId, actor, now));
            issued.add(new Issued(id, code.display()));
        });
        store.createAll(vouchers);
        return new Created(batchId, terms, actor, now, List.copyOf(issued));
    }

    public Voucher get(String voucherId) {
        if (!VoucherCodeHasher.isVoucherId(voucherId)) {
            throw new VoucherNotFoundException();
        }
        return store.find(voucherId).orElseThrow(VoucherNotFoundException::new);
    }

    /** The voucher a code belongs to (the code is hashed, never stored or logged). */
    public Voucher lookup(String rawCode) {
        VoucherCode code = VoucherCode.parse(rawCode, "code");
        return store.find(hasher.voucherId(code)).orElseThrow(VoucherNotFoundException::new);
    }

    /** Stops further redemptions; disabling a disabled voucher changes nothing and returns it. */
    public Voucher disable(String voucherId, String reason, String actor) {
        if (!VoucherCodeHasher.isVoucherId(voucherId)) {
            throw new VoucherNotFoundException();
        }
        String cleanReason = validReason(reason);
        return store.disable(voucherId, new Voucher.Disablement(actor, clock.instant(), cleanReason))
                .orElseThrow(VoucherNotFoundException::new);
    }

    public Page<OrgUsage> usage(String voucherId, String cursor, int limit) {
        return store.usage(voucherId, cursor, limit);
    }

    private static String validReason(String reason) {
        if (reason == null) {
            return "";
        }
        String trimmed = reason.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_REASON_LENGTH) {
            throw new InvalidRequestException("reason", "reason must be at most " + MAX_REASON_LENGTH
                    + " characters.");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("reason", "reason must not contain control characters.");
        }
        return trimmed;
    }
}
