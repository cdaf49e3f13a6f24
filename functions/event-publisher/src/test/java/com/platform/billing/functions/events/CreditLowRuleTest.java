package com.platform.billing.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.platform.billing.devkit.LambdaJson;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CreditLow from account MODIFY records, on stream JSON as Lambda hands it over. */
class CreditLowRuleTest {

    private static final CreditLowRule RULE = new CreditLowRule(50_000);

    @Test
    void creditLow_whenAPrepaidBalanceCrossesTheThresholdDownward_yieldsOneEventWithTheNewVersionAsId() {
        DomainEvent event = RULE.creditLow(modify(account("PREPAID", 60_000, 7), account("PREPAID", 20_000, 8)))
                .orElseThrow();

        assertEquals("creditlow:org-1:8", event.eventId());
        assertEquals("CreditLow", event.eventType());
        assertEquals("org-1", event.orgId());
        assertEquals(Instant.parse("2026-11-27T02:00:07.000Z"), event.occurredAt());
        assertEquals("42", event.sequenceNumber());
        assertEquals("{\"orgId\":\"org-1\",\"balance\":20000,\"threshold\":50000,\"currency\":\"IDR\",\"version\":8}",
                event.detail().toString());
    }

    @Test
    void creditLow_whenTheOldBalanceIsExactlyTheThreshold_yieldsTheEvent() {
        assertTrue(RULE.creditLow(modify(account("PREPAID", 50_000, 1), account("PREPAID", 49_999, 2))).isPresent());
    }

    @Test
    void creditLow_whenTheNewBalanceIsExactlyTheThreshold_yieldsNothing() {
        assertEquals(Optional.empty(),
                RULE.creditLow(modify(account("PREPAID", 80_000, 1), account("PREPAID", 50_000, 2))));
    }

    @Test
    void creditLow_whenTheBalanceStaysAbove_yieldsNothing() {
        assertEquals(Optional.empty(),
                RULE.creditLow(modify(account("PREPAID", 900_000, 3), account("PREPAID", 60_000, 4))));
    }

    @Test
    void creditLow_whenTheBalanceStaysBelow_yieldsNothing() {
        assertEquals(Optional.empty(),
                RULE.creditLow(modify(account("PREPAID", 40_000, 3), account("PREPAID", 10_000, 4))));
    }

    @Test
    void creditLow_whenTheBalanceGoesUp_yieldsNothing() {
        assertEquals(Optional.empty(),
                RULE.creditLow(modify(account("PREPAID", 10_000, 3), account("PREPAID", 110_000, 4))));
    }

    @Test
    void creditLow_whenTheAccountIsPostpaid_yieldsNothing() {
        assertEquals(Optional.empty(),
                RULE.creditLow(modify(account("POSTPAID", 60_000, 3), account("POSTPAID", -20_000, 4))));
    }

    @Test
    void creditLow_whenAnImageIsMissing_yieldsNothing() {
        assertEquals(Optional.empty(), RULE.creditLow(modify(null, account("PREPAID", 20_000, 8))));
        assertEquals(Optional.empty(), RULE.creditLow(record("MODIFY", account("PREPAID", 60_000, 7), null)));
    }

    @Test
    void creditLow_whenTheCrossingAccountLacksABalanceOrTimestamp_reportsItAsMalformed() {
        String noBalance = account("PREPAID", 20_000, 8).replace("\"balance\":{\"N\":\"20000\"},", "");
        String badTime = account("PREPAID", 20_000, 8).replace("2026-11-27T02:00:07.000Z", "yesterday");

        assertThrows(StreamEvents.MalformedEventException.class,
                () -> RULE.creditLow(modify(account("PREPAID", 60_000, 7), noBalance)));
        assertThrows(StreamEvents.MalformedEventException.class,
                () -> RULE.creditLow(modify(account("PREPAID", 60_000, 7), badTime)));
    }

    @Test
    void isAccountChange_whenNotAModifyOfAnAccountItem_isFalse() {
        assertTrue(CreditLowRule.isAccountChange(modify(account("PREPAID", 1, 1), account("PREPAID", 2, 2))));
        assertFalse(CreditLowRule.isAccountChange(record("INSERT", null, account("PREPAID", 0, 0))));
        assertFalse(CreditLowRule.isAccountChange(record("REMOVE", account("PREPAID", 0, 0), null)));
        assertFalse(CreditLowRule.isAccountChange(modify(account("PREPAID", 1, 1),
                account("PREPAID", 2, 2).replace("\"type\":{\"S\":\"ACCOUNT\"}", "\"type\":{\"S\":\"INVOICE\"}"))));
    }

    @Test
    void constructor_whenTheThresholdIsNotPositive_refusesIt() {
        assertThrows(IllegalArgumentException.class, () -> new CreditLowRule(0));
    }

    /** The ORG#org-1/ACCOUNT item as AccountItems writes it, in stream-image JSON. */
    static String account(String billingType, long balance, long version) {
        return "{\"PK\":{\"S\":\"ORG#org-1\"},\"SK\":{\"S\":\"ACCOUNT\"},\"type\":{\"S\":\"ACCOUNT\"},"
                + "\"orgId\":{\"S\":\"org-1\"},\"billingType\":{\"S\":\"" + billingType + "\"},"
                + "\"balance\":{\"N\":\"" + balance + "\"},\"currency\":{\"S\":\"IDR\"},"
                + "\"version\":{\"N\":\"" + version + "\"},\"createdAt\":{\"S\":\"2026-11-01T00:00:00.000Z\"},"
                + "\"updatedAt\":{\"S\":\"2026-11-27T02:00:07.000Z\"}}";
    }

    private static DynamodbStreamRecord modify(String oldImage, String newImage) {
        return record("MODIFY", oldImage, newImage);
    }

    private static DynamodbStreamRecord record(String eventName, String oldImage, String newImage) {
        String json = "{\"Records\":[{\"eventID\":\"e-42\",\"eventName\":\"" + eventName + "\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"ap-southeast-3\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1795658407,"
                + "\"Keys\":{\"PK\":{\"S\":\"ORG#org-1\"},\"SK\":{\"S\":\"ACCOUNT\"}},"
                + (newImage == null ? "" : "\"NewImage\":" + newImage + ",")
                + (oldImage == null ? "" : "\"OldImage\":" + oldImage + ",")
                + "\"SequenceNumber\":\"42\",\"SizeBytes\":300,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:ap-southeast-3:123456789012:table/t/stream/s\"}]}";
        return LambdaJson.fromJson(json, DynamodbEvent.class).getRecords().getFirst();
    }
}
