package com.platform.billing.dynamodb;

import static com.platform.billing.dynamodb.Items.instant;
import static com.platform.billing.dynamodb.Items.num;
import static com.platform.billing.dynamodb.Items.str;

import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Mapping of ledger entries (ORG#{org}/ENTRY#{sequence}) and of transfer idempotency records
 * (TRANSFER#{id}/TRANSFER). The transfer record repeats the entry's fields plus the request fingerprint, so a replay is
 * answered from that one item.
 */
public final class EntryItems {

    public static final String ENTRY_TYPE = "ENTRY";
    public static final String TRANSFER_TYPE = "TRANSFER";

    private EntryItems() {
    }

    public static Map<String, AttributeValue> entryItem(LedgerEntry entry) {
        Map<String, AttributeValue> item = fields(entry);
        item.putAll(Items.key(Keys.orgPk(entry.orgId()), Keys.entrySk(entry.sequence())));
        item.put(Keys.TYPE, Items.s(ENTRY_TYPE));
        return item;
    }

    public static Map<String, AttributeValue> transferItem(LedgerEntry entry, String fingerprint) {
        Map<String, AttributeValue> item = fields(entry);
        item.putAll(transferKey(entry.transferId()));
        item.put(Keys.TYPE, Items.s(TRANSFER_TYPE));
        item.put("fingerprint", Items.s(fingerprint));
        return item;
    }

    public static Map<String, AttributeValue> transferKey(TransferId id) {
        return Items.key(Keys.transferPk(id), Keys.transferSk());
    }

    private static Map<String, AttributeValue> fields(LedgerEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orgId", Items.s(entry.orgId()));
        item.put("sequence", Items.n(entry.sequence()));
        item.put("transferId", Items.s(entry.transferId().value()));
        item.put("kind", Items.s(entry.kind().name()));
        item.put("amount", Items.n(entry.amount().amount()));
        item.put("currency", Items.s(entry.amount().currency()));
        item.put("balanceAfter", Items.n(entry.balanceAfter().amount()));
        item.put("counterpartAccount", Items.s(entry.counterpartAccount()));
        item.put("reference", Items.s(entry.reference()));
        item.put("actor", Items.s(entry.actor()));
        item.put("reason", Items.s(entry.reason()));
        item.put("occurredAt", Items.time(entry.occurredAt()));
        return item;
    }

    public static LedgerEntry fromItem(Map<String, AttributeValue> item) {
        String currency = str(item, "currency");
        return new LedgerEntry(str(item, "orgId"), num(item, "sequence"), new TransferId(str(item, "transferId")),
                TransferKind.valueOf(str(item, "kind")), Money.of(num(item, "amount"), currency),
                Money.of(num(item, "balanceAfter"), currency), str(item, "counterpartAccount"),
                str(item, "reference"), str(item, "actor"), str(item, "reason"), instant(item, "occurredAt"));
    }
}
