package com.platform.billing.functions.vouchers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.api.Views;
import com.platform.billing.domain.Page;
import com.platform.billing.domain.voucher.OrgUsage;
import com.platform.billing.domain.voucher.Redemption;
import com.platform.billing.domain.voucher.Voucher;
import com.platform.billing.domain.voucher.VoucherAdmin;
import com.platform.billing.domain.voucher.VoucherCode;
import com.platform.billing.domain.voucher.VoucherRedemptions;
import com.platform.billing.domain.voucher.VoucherTerms;
import com.platform.billing.dynamodb.Items;

/** JSON views of vouchers, written by hand so the wire format is explicit. Full codes appear only in created(). */
final class VoucherViews {

    private VoucherViews() {
    }

    static ObjectNode redeemed(VoucherRedemptions.Redeemed redeemed) {
        Redemption redemption = redeemed.redemption();
        ObjectNode view = redemption(redemption);
        view.put("balance", redeemed.entry().balanceAfter().amount());
        return view;
    }

    static ObjectNode redemption(Redemption redemption) {
        ObjectNode view = Json.object();
        view.put("orgId", redemption.orgId());
        view.put("code", redemption.maskedCode());
        view.put("amount", redemption.amount().amount());
        view.put("currency", redemption.amount().currency());
        view.put("transferId", redemption.transferId().value());
        view.put("redeemedAt", Items.formatTime(redemption.redeemedAt()));
        view.put("redeemedBy", redemption.redeemedBy());
        return view;
    }

    static ObjectNode history(Page<Redemption> page) {
        return Views.page(page, VoucherViews::redemption);
    }

    static ObjectNode created(VoucherAdmin.Created created) {
        ObjectNode view = Json.object();
        if (created.batchId().isEmpty()) {
            view.putNull("batchId");
        } else {
            view.put("batchId", created.batchId());
        }
        view.put("count", created.vouchers().size());
        terms(view, created.terms());
        view.put("createdBy", created.createdBy());
        view.put("createdAt", Items.formatTime(created.createdAt()));
        ArrayNode vouchers = view.putArray("vouchers");
        for (VoucherAdmin.Issued issued : created.vouchers()) {
            vouchers.addObject().put("voucherId", issued.voucherId()).put("code", issued.code());
        }
        return view;
    }

    static ObjectNode voucher(Voucher voucher, Page<OrgUsage> usage) {
        ObjectNode view = Json.object();
        view.put("voucherId", voucher.id());
        view.put("code", VoucherCode.masked(voucher.codeLastFour()));
        view.put("status", voucher.status().name());
        terms(view, voucher.terms());
        if (voucher.batchId().isEmpty()) {
            view.putNull("batchId");
        } else {
            view.put("batchId", voucher.batchId());
        }
        view.put("createdBy", voucher.createdBy());
        view.put("createdAt", Items.formatTime(voucher.createdAt()));
        voucher.disabled().ifPresentOrElse(d -> view.putObject("disabled").put("by", d.by())
                        .put("at", Items.formatTime(d.at())).put("reason", d.reason()),
                () -> view.putNull("disabled"));
        ObjectNode counts = view.putObject("usage");
        counts.put("redeemed", voucher.redeemedCount());
        counts.put("remaining", voucher.remaining());
        ArrayNode orgs = counts.putArray("orgs");
        for (OrgUsage org : usage.items()) {
            orgs.addObject().put("orgId", org.orgId()).put("redemptions", org.redemptions())
                    .put("lastRedeemedAt", Items.formatTime(org.lastRedeemedAt()));
        }
        usage.nextCursor().ifPresentOrElse(c -> counts.put("nextCursor", c), () -> counts.putNull("nextCursor"));
        return view;
    }

    private static void terms(ObjectNode view, VoucherTerms terms) {
        view.put("amount", terms.amount().amount());
        view.put("currency", terms.amount().currency());
        view.put("validFrom", Items.formatTime(terms.validFrom()));
        view.put("validUntil", Items.formatTime(terms.validUntil()));
        view.put("totalLimit", terms.totalLimit());
        view.put("perOrgLimit", terms.perOrgLimit());
        ArrayNode allowed = view.putArray("allowedOrgs");
        terms.allowedOrgs().stream().sorted().forEach(allowed::add);
        view.put("note", terms.note());
    }
}
