package com.platform.billing.dynamodb.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.domain.Money;
import com.platform.billing.domain.TransferId;
import com.platform.billing.domain.voucher.AttemptWindow;
import com.platform.billing.domain.voucher.Redemption;
import com.platform.billing.domain.voucher.Voucher;
import com.platform.billing.domain.voucher.VoucherStatus;
import com.platform.billing.domain.voucher.VoucherTerms;
import com.platform.billing.dynamodb.Cursors;
import com.platform.billing.dynamodb.DomainEvents;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class VoucherItemsTest {

    private static final Instant AT = Instant.parse("2026-11-27T04:00:00.123Z");
    private static final String ID = "vch_0e5w3k2m7q9r1t4v6x8z0b2d4f";

    private static VoucherTerms terms(Set<String> orgs) {
        return new VoucherTerms(Money.of(100_000, "IDR"), AT, AT.plusSeconds(86_400), 500, 3, orgs, "note");
    }

    @Test
    void voucher_roundTripsWithRestrictionAndDisablement() {
        Voucher voucher = new Voucher(ID, "PQRS", terms(Set.of("org-1", "org-2")), 7, VoucherStatus.DISABLED,
                "batch-1", "admin-1", AT, new Voucher.Disablement("admin-2", AT.plusSeconds(5), "leaked"));

        Map<String, AttributeValue> item = VoucherItems.toItem(voucher);

        assertEquals("VOUCHER#" + ID, item.get(Keys.PK).s());
        assertEquals("VOUCHER", item.get(Keys.SK).s());
        assertEquals(voucher, VoucherItems.fromItem(item));
    }

    @Test
    void voucher_roundTripsWhenActiveUnrestrictedAndWithoutBatch() {
        Voucher voucher = new Voucher(ID, "PQRS", terms(Set.of()), 0, VoucherStatus.ACTIVE, "", "admin-1", AT, null);

        Map<String, AttributeValue> item = VoucherItems.toItem(voucher);

        assertFalse(item.containsKey("allowedOrgs"), "DynamoDB has no empty sets");
        assertFalse(item.containsKey("batchId"));
        assertEquals(voucher, VoucherItems.fromItem(item));
    }

    @Test
    void redemption_roundTripsUnderTheOrgPartitionInTimeOrder() {
        Redemption redemption = new Redemption("org-1", ID, "PQRS", Money.of(100_000, "IDR"),
                TransferId.of("voucher", ID, "org-1", "2"), 2, AT, "user-1");

        Map<String, AttributeValue> item = VoucherItems.redemptionItem(redemption);

        assertEquals("ORG#org-1", item.get(Keys.PK).s());
        assertEquals("VOUCHER_REDEMPTION#2026-11-27T04:00:00.123Z#" + ID + "#002", item.get(Keys.SK).s());
        assertEquals(redemption, VoucherItems.redemptionFromItem(item));
        String sk = item.get(Keys.SK).s();
        assertEquals(sk, Cursors.decode(Cursors.encode(sk), VoucherKeys.REDEMPTION_PREFIX), "pageable");
    }

    @Test
    void limiterKeys_arePerWindowAndHideTheSubject() {
        Instant window = Instant.parse("2026-11-27T04:00:00Z");
        Map<String, AttributeValue> org = VoucherItems.orgLimiterKey("org-1", window);
        Map<String, AttributeValue> caller = VoucherItems.callerLimiterKey("user|with odd chars", window);

        assertEquals("RATELIMIT#VOUCHER#ORG#org-1", org.get(Keys.PK).s());
        assertEquals("WINDOW#" + window.toEpochMilli(), org.get(Keys.SK).s());
        assertTrue(caller.get(Keys.PK).s().matches("RATELIMIT#VOUCHER#CALLER#[0-9a-f]{32}"));
        assertEquals(AttemptWindow.NONE, VoucherItems.attemptWindow(Map.of()));
    }

    @Test
    void domainEventJsonString_escapesWhatJsonRequires() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", DomainEvents.jsonString("a\"b\\c\n\u0001"));
        assertEquals("EVENT#voucher:x:org-1", Keys.eventPk("voucher:x:org-1"));
        assertEquals(Items.key("EVENT#e", "EVENT"), Items.key(Keys.eventPk("e"), Keys.eventSk()));
    }
}
