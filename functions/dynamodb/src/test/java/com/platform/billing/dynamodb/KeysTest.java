package com.platform.billing.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.BillingAccount;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.LedgerEntry;
import com.platform.billing.domain.Money;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.TransferKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Key formats and item mapping round-trip, so a change to either is caught before it reaches a table. */
class KeysTest {

    private static final Instant T = Instant.parse("2026-11-27T04:05:06.789Z");

    @Test
    void keys_haveTheDocumentedFormats() {
        assertEquals("ORG#org-1", Keys.orgPk("org-1"));
        assertEquals("ACCOUNT", Keys.accountSk());
        assertEquals("ENTRY#000000000042", Keys.entrySk(42));
        assertEquals("TRANSFER#topup:ord-1", Keys.transferPk(new TransferId("topup:ord-1")));
        assertTrue(Keys.accountShardPk("org-1").matches("ACCOUNTS#([0-9]|1[0-5])"));
        assertTrue(Keys.entrySk(9).compareTo(Keys.entrySk(10)) < 0, "entries sort by sequence");
    }

    @Test
    void accountItem_roundTrips() {
        BillingAccount account = new BillingAccount("org-1", BillingType.POSTPAID, Money.of(-1_500, "IDR"), 7, T, T);
        assertEquals(account, AccountItems.fromItem(AccountItems.toItem(account)));
        assertEquals("ACCOUNT", AccountItems.toItem(account).get("type").s());
    }

    @Test
    void entryAndTransferItems_roundTrip() {
        LedgerEntry entry = new LedgerEntry("org-1", 3, new TransferId("adjustment:org-1:k"), TransferKind.ADJUSTMENT,
                Money.of(-500, "IDR"), Money.of(1_000, "IDR"), "platform:adjustments", "ref", "admin-1", "why", T);
        assertEquals(entry, EntryItems.fromItem(EntryItems.entryItem(entry)));
        assertEquals(entry, EntryItems.fromItem(EntryItems.transferItem(entry, "fp")));
        assertEquals("ENTRY#000000000003", EntryItems.entryItem(entry).get("SK").s());
    }

    @Test
    void cursors_roundTripAndRefuseForeignKeys() {
        String cursor = Cursors.encode(Keys.entrySk(5));
        assertEquals(Keys.entrySk(5), Cursors.decode(cursor, Keys.ENTRY_PREFIX));
        assertThrows(InvalidRequestException.class, () -> Cursors.decode(Cursors.encode("ACCOUNT"), "ENTRY#"));
        assertThrows(InvalidRequestException.class, () -> Cursors.decode("%%%", "ENTRY#"));
    }
}
