package com.platform.billing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.Page;
import java.util.function.Function;
import com.platform.billing.dynamodb.Items;

/** JSON views of domain objects, written by hand so the wire format is explicit and stable. */
public final class Views {

    private Views() {
    }

    public static ObjectNode account(BillingAccount account) {
        ObjectNode view = Json.object();
        view.put("orgId", account.orgId());
        view.put("billingType", account.billingType().name());
        view.put("currency", account.currency());
        view.put("credit", account.balance().amount());
        view.put("createdAt", Items.formatTime(account.createdAt()));
        view.put("updatedAt", Items.formatTime(account.updatedAt()));
        return view;
    }

    public static ObjectNode entry(LedgerEntry entry) {
        ObjectNode view = Json.object();
        view.put("transferId", entry.transferId().value());
        view.put("sequence", entry.sequence());
        view.put("kind", entry.kind().name());
        view.put("amount", entry.amount().amount());
        view.put("currency", entry.amount().currency());
        view.put("balanceAfter", entry.balanceAfter().amount());
        view.put("counterpartAccount", entry.counterpartAccount());
        view.put("reference", entry.reference());
        view.put("actor", entry.actor());
        view.put("reason", entry.reason());
        view.put("createdAt", Items.formatTime(entry.occurredAt()));
        return view;
    }

    /** A page of a list: {@code {items: [...], nextCursor}} ({@code nextCursor} is null on the last page). */
    public static <T> ObjectNode page(Page<T> page, Function<? super T, ? extends JsonNode> item) {
        ObjectNode view = Json.object();
        ArrayNode items = view.putArray("items");
        page.items().forEach(t -> items.add(item.apply(t)));
        page.nextCursor().ifPresentOrElse(c -> view.put("nextCursor", c), () -> view.putNull("nextCursor"));
        return view;
    }

    /** Reads {@code ?limit=} (1..100, default 20) strictly. */
    public static int limit(ApiRequest request) {
        String raw = request.queryParameter("limit").orElse("20");
        if (!raw.matches("[0-9]{1,3}")) {
            throw new com.platform.billing.domain.InvalidRequestException("limit", "limit must be 1 to 100.");
        }
        int limit = Integer.parseInt(raw);
        if (limit < 1 || limit > 100) {
            throw new com.platform.billing.domain.InvalidRequestException("limit", "limit must be 1 to 100.");
        }
        return limit;
    }
}
