package com.platform.billing.dynamodb.voucher;

import static com.platform.billing.dynamodb.Items.instant;
import static com.platform.billing.dynamodb.Items.num;
import static com.platform.billing.dynamodb.Items.str;
import static com.platform.billing.dynamodb.Items.strOr;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.voucher.AttemptWindow;
import com.platform.billing.domain.voucher.OrgUsage;
import com.platform.billing.domain.voucher.Redemption;
import com.platform.billing.domain.voucher.Voucher;
import com.platform.billing.domain.voucher.VoucherStatus;
import com.platform.billing.domain.voucher.VoucherTerms;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Hand-written mapping of the voucher items (see {@link VoucherKeys} for the keys). */
public final class VoucherItems {

    public static final String VOUCHER_TYPE = "VOUCHER";
    public static final String ORG_USAGE_TYPE = "VOUCHER_ORG_USAGE";
    public static final String REDEMPTION_TYPE = "VOUCHER_REDEMPTION";
    public static final String LIMITER_TYPE = "RATE_LIMIT";

    private VoucherItems() {
    }

    public static Map<String, AttributeValue> voucherKey(String voucherId) {
        return Items.key(VoucherKeys.voucherPk(voucherId), VoucherKeys.voucherSk());
    }

    public static Map<String, AttributeValue> orgUsageKey(String voucherId, String orgId) {
        return Items.key(VoucherKeys.voucherPk(voucherId), VoucherKeys.orgUsageSk(orgId));
    }

    public static Map<String, AttributeValue> orgLimiterKey(String orgId, Instant windowStart) {
        return Items.key(VoucherKeys.orgLimiterPk(orgId), VoucherKeys.limiterSk(windowStart));
    }

    public static Map<String, AttributeValue> callerLimiterKey(String subject, Instant windowStart) {
        return Items.key(VoucherKeys.callerLimiterPk(subject), VoucherKeys.limiterSk(windowStart));
    }

    public static Map<String, AttributeValue> toItem(Voucher voucher) {
        VoucherTerms terms = voucher.terms();
        Map<String, AttributeValue> item = new HashMap<>(voucherKey(voucher.id()));
        item.put(Keys.TYPE, Items.s(VOUCHER_TYPE));
        item.put("voucherId", Items.s(voucher.id()));
        item.put("codeLastFour", Items.s(voucher.codeLastFour()));
        item.put("amount", Items.n(terms.amount().amount()));
        item.put("currency", Items.s(terms.amount().currency()));
        item.put("validFrom", Items.time(terms.validFrom()));
        item.put("validUntil", Items.time(terms.validUntil()));
        item.put("totalLimit", Items.n(terms.totalLimit()));
        item.put("perOrgLimit", Items.n(terms.perOrgLimit()));
        item.put("redeemedCount", Items.n(voucher.redeemedCount()));
        item.put("status", Items.s(voucher.status().name()));
        if (terms.restricted()) {
            item.put("allowedOrgs", AttributeValue.fromSs(terms.allowedOrgs().stream().sorted().toList()));
        }
        item.put("note", Items.s(terms.note()));
        if (!voucher.batchId().isEmpty()) {
            item.put("batchId", Items.s(voucher.batchId()));
        }
        item.put("createdBy", Items.s(voucher.createdBy()));
        item.put("createdAt", Items.time(voucher.createdAt()));
        voucher.disabled().ifPresent(d -> {
            item.put("disabledBy", Items.s(d.by()));
            item.put("disabledAt", Items.time(d.at()));
            item.put("disabledReason", Items.s(d.reason()));
        });
        return item;
    }

    public static Voucher fromItem(Map<String, AttributeValue> item) {
        AttributeValue allowed = item.get("allowedOrgs");
        Set<String> allowedOrgs = allowed == null || !allowed.hasSs() ? Set.of() : Set.copyOf(allowed.ss());
        VoucherTerms terms = new VoucherTerms(Money.of(num(item, "amount"), str(item, "currency")),
                instant(item, "validFrom"), instant(item, "validUntil"), num(item, "totalLimit"),
                Math.toIntExact(num(item, "perOrgLimit")), allowedOrgs, strOr(item, "note", ""));
        Voucher.Disablement disablement = item.containsKey("disabledAt")
                ? new Voucher.Disablement(str(item, "disabledBy"), instant(item, "disabledAt"),
                        strOr(item, "disabledReason", ""))
                : null;
        return new Voucher(str(item, "voucherId"), str(item, "codeLastFour"), terms, num(item, "redeemedCount"),
                VoucherStatus.valueOf(str(item, "status")), strOr(item, "batchId", ""), str(item, "createdBy"),
                instant(item, "createdAt"), disablement);
    }

    public static Map<String, AttributeValue> redemptionItem(Redemption redemption) {
        String redeemedAt = Items.formatTime(redemption.redeemedAt());
        Map<String, AttributeValue> item = new HashMap<>(Items.key(VoucherKeys.orgPk(redemption.orgId()),
                VoucherKeys.redemptionSk(redeemedAt, redemption.voucherId(), redemption.ordinal())));
        item.put(Keys.TYPE, Items.s(REDEMPTION_TYPE));
        item.put("orgId", Items.s(redemption.orgId()));
        item.put("voucherId", Items.s(redemption.voucherId()));
        item.put("codeLastFour", Items.s(redemption.codeLastFour()));
        item.put("amount", Items.n(redemption.amount().amount()));
        item.put("currency", Items.s(redemption.amount().currency()));
        item.put("transferId", Items.s(redemption.transferId().value()));
        item.put("ordinal", Items.n(redemption.ordinal()));
        item.put("redeemedAt", Items.s(redeemedAt));
        item.put("redeemedBy", Items.s(redemption.redeemedBy()));
        return item;
    }

    public static Redemption redemptionFromItem(Map<String, AttributeValue> item) {
        return new Redemption(str(item, "orgId"), str(item, "voucherId"), str(item, "codeLastFour"),
                Money.of(num(item, "amount"), str(item, "currency")), new TransferId(str(item, "transferId")),
                Math.toIntExact(num(item, "ordinal")), instant(item, "redeemedAt"), str(item, "redeemedBy"));
    }

    public static OrgUsage orgUsageFromItem(Map<String, AttributeValue> item) {
        return new OrgUsage(str(item, "orgId"), Math.toIntExact(num(item, "redemptions")),
                instant(item, "lastRedeemedAt"));
    }

    public static int orgRedemptions(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() ? 0 : Math.toIntExact(num(item, "redemptions"));
    }

    public static AttemptWindow attemptWindow(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return AttemptWindow.NONE;
        }
        return new AttemptWindow(num(item, "failures"), Instant.ofEpochMilli(num(item, "windowEnd")));
    }
}
