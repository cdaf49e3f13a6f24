package com.platform.billing.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.InsufficientCreditException;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.Transfer;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The auditor against a ledger built by many random adjustments, and against a ledger someone tampered with. */
@WithLedgerTable
class LedgerAuditorIT {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneOffset.UTC);
    private final LedgerTable table;
    private final DynamoLedger ledger;
    private final DynamoAccountStore accounts;

    LedgerAuditorIT(LedgerTable table) {
        this.table = table;
        this.ledger = new DynamoLedger(table.dynamo(), table.name(), clock);
        this.accounts = new DynamoAccountStore(table.dynamo(), table.name());
    }

    @Test
    void audit_afterThousandRandomAdjustmentsAcross20Orgs_findsNoDifferences() {
        Random random = new Random(20261127);
        String[] orgs = new String[20];
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < orgs.length; i++) {
            orgs[i] = "audit-" + i;
            accounts.createIfAbsent(BillingAccount.open(orgs[i], i % 2 == 0 ? BillingType.PREPAID
                    : BillingType.POSTPAID, "IDR", clock.instant()));
            expected.put(orgs[i], 0L);
        }
        int refused = 0;
        for (int i = 0; i < 1_000; i++) {
            String org = orgs[random.nextInt(orgs.length)];
            long amount = random.nextInt(200_000) - 99_999; // never zero: -99,999..100,000
            if (amount == 0) {
                amount = 100_000;
            }
            try {
                ledger.apply(new Transfer(TransferId.of("adjustment", org, "r" + i), org, TransferKind.ADJUSTMENT,
                        Money.of(amount, "IDR"), "", "admin", "random"));
                expected.merge(org, amount, Long::sum);
            } catch (InsufficientCreditException prepaidFloor) {
                refused++;
            }
        }

        LedgerAuditor.Report report = new LedgerAuditor(table.dynamo(), table.name()).audit();

        assertTrue(report.clean(), () -> report.differences().toString());
        assertEquals(20, report.accounts());
        assertEquals(1_000 - refused, report.entries());
        assertTrue(refused > 0, "some debits should have hit the prepaid floor");
        for (String org : orgs) {
            assertEquals(expected.get(org), accounts.find(org).orElseThrow().balance().amount(), org);
        }

        // Tampering is caught: edit one balance behind the ledger's back.
        table.dynamo().updateItem(r -> r.tableName(table.name()).key(AccountItems.key(orgs[3]))
                .updateExpression("SET balance = balance + :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        LedgerAuditor.Report tampered = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertFalse(tampered.clean());
        assertEquals(orgs[3], tampered.differences().getFirst().orgId());

        // So is an entry whose transfer (idempotency) record is missing.
        var entry = ledger.entries(orgs[5], null, 1).items().getFirst();
        table.dynamo().deleteItem(r -> r.tableName(table.name()).key(EntryItems.transferKey(entry.transferId())));
        LedgerAuditor.Report missing = new LedgerAuditor(table.dynamo(), table.name()).audit();
        assertTrue(missing.differences().stream().anyMatch(d -> d.orgId().equals(orgs[5])
                && d.problem().contains("no matching transfer record " + entry.transferId())),
                () -> missing.differences().toString());
    }
}
