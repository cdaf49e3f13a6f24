package com.platform.billing.functions.invoicing;

import static com.platform.billing.functions.invoicing.InvoicingFixtures.balance;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.credit;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.deps;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.eventExists;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.itemExists;
import static com.platform.billing.functions.invoicing.InvoicingFixtures.openAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.MutableClock;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.BillingType;
import com.platform.billing.domain.invoice.AppliedPayment;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.domain.payment.CardChargeRequest;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.billingrun.PaymentMethodItems;
import com.platform.billing.gateway.FakeCardGateway;
import com.platform.billing.gateway.FakeCardGateway.Script;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithLedgerTable
class PostpaidChargeIT {

    private final LedgerTable table;
    private final PostpaidScenario postpaid;
    private final MutableClock clock;

    PostpaidChargeIT(LedgerTable table) {
        this.table = table;
        this.postpaid = new PostpaidScenario(table);
        this.clock = postpaid.clock;
    }

    @Test
    void issue_whenCardSucceeds_invoiceIsPaidByCard() {
        String org = "org-card-ok";
        postpaid.postpaidOrg(org);
        FakeCardGateway gateway = new FakeCardGateway().then(Script.SUCCEED);

        postpaid.deliver(gateway, org);

        Invoice invoice = postpaid.invoice(org);
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(11_100, invoice.amountPaid().amount());
        assertEquals(AppliedPayment.Source.CARD, invoice.payments().get(0).source());
        assertEquals(List.of(invoice.id() + "-a1"), gateway.sent.stream().map(CardChargeRequest::attemptId).toList());
        assertEquals(11_100, gateway.sent.get(0).amount().amount());
        assertEquals("tok_ok_" + org, gateway.sent.get(0).cardToken());
        assertTrue(eventExists(table, invoice.id() + "-a1.paid"));
        assertTrue(new LedgerAuditor(table.dynamo(), table.name()).audit().clean());
    }

    @Test
    void issue_whenAPostpaidOrgHoldsCredit_creditPaysFirstAndOnlyTheRestIsCharged() {
        String org = "org-card-with-credit";
        postpaid.postpaidOrg(org);
        clock.set("2026-10-20T04:00:00Z");
        credit(table, org, 4_000, clock);
        clock.set(PostpaidScenario.ISSUE_TIME);
        FakeCardGateway gateway = new FakeCardGateway().then(Script.SUCCEED);

        postpaid.deliver(gateway, org);

        Invoice invoice = postpaid.invoice(org);
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(4_000, invoice.creditsApplied().amount());
        assertEquals(7_100, gateway.sent.get(0).amount().amount(), "only what the credit left is charged");
        assertEquals(0, balance(table, org));
        assertTrue(new LedgerAuditor(table.dynamo(), table.name()).audit().clean());
    }

    @Test
    void retry_whenDeclinedThenSucceeds_chargesAgainAfterOneDayAndPays() {
        String org = "org-card-decline";
        postpaid.postpaidOrg(org);
        FakeCardGateway gateway = new FakeCardGateway().then(Script.DECLINE, Script.SUCCEED);

        postpaid.deliver(gateway, org);
        Invoice declined = postpaid.invoice(org);
        postpaid.deliver(gateway, org); // a re-delivery the same day charges nothing: the retry is not due yet
        Map<String, Object> sameDay = postpaid.retryOn(gateway, Duration.ofHours(2));
        Map<String, Object> nextDay = postpaid.retryOn(gateway, Duration.ofDays(1).plusHours(2));

        assertEquals(InvoiceStatus.OPEN, declined.status());
        assertTrue(eventExists(table, declined.id() + "-a1.failed"));
        assertEquals(0, sameDay.get("due"));
        assertEquals(1, nextDay.get("due"));
        assertEquals(List.of(declined.id() + "-a1", declined.id() + "-a2"),
                gateway.sent.stream().map(CardChargeRequest::attemptId).toList());
        Invoice paid = postpaid.invoice(org);
        assertEquals(InvoiceStatus.PAID, paid.status());
        assertEquals(0, paid.amountDue().amount());
    }

    @Test
    void retry_whenGatewayTimedOutAfterCharging_resolvesByStatusAndNeverChargesTwice() {
        String org = "org-card-timeout";
        postpaid.postpaidOrg(org);
        FakeCardGateway gateway = new FakeCardGateway().then(Script.TIMEOUT_BUT_CHARGED, Script.SUCCEED);

        postpaid.deliver(gateway, org);
        Invoice unknown = postpaid.invoice(org);
        postpaid.deliver(gateway, org); // SQS re-delivers: the unknown attempt is resolved first
        Map<String, Object> nextDay = postpaid.retryOn(gateway, Duration.ofDays(1).plusHours(2));

        assertEquals(InvoiceStatus.OPEN, unknown.status());
        assertEquals(1, gateway.sent.size(), "one charge request, ever");
        assertEquals(1, gateway.chargesCollected());
        Invoice paid = postpaid.invoice(org);
        assertEquals(InvoiceStatus.PAID, paid.status());
        assertEquals(unknown.id() + "-a1", paid.payments().get(0).reference());
        assertEquals(0, nextDay.get("due"));
    }

    @Test
    void retry_whenDeclinedFourTimes_retriesAfterOneThreeSevenDaysThenPastDue() {
        String org = "org-card-dunning";
        postpaid.postpaidOrg(org);
        FakeCardGateway gateway = new FakeCardGateway().then(Script.DECLINE, Script.DECLINE, Script.TOKEN_INVALID,
                Script.DECLINE);

        postpaid.deliver(gateway, org);
        postpaid.retryOn(gateway, Duration.ofDays(1).plusHours(2));
        postpaid.retryOn(gateway, Duration.ofDays(2).plusHours(2)); // nothing due on day 2
        postpaid.retryOn(gateway, Duration.ofDays(3).plusHours(2));
        postpaid.retryOn(gateway, Duration.ofDays(7).plusHours(2));
        Map<String, Object> after = postpaid.retryOn(gateway, Duration.ofDays(8).plusHours(2));

        Invoice invoice = postpaid.invoice(org);
        assertEquals(4, gateway.sent.size());
        assertEquals(InvoiceStatus.PAST_DUE, invoice.status());
        assertEquals(11_100, invoice.amountDue().amount());
        assertTrue(eventExists(table, invoice.id() + ".past-due"));
        assertTrue(eventExists(table, invoice.id() + "-a3.method-invalid"));
        assertEquals(0, after.get("due"));
    }

    @Test
    void putPaymentMethod_whenBodyHoldsCardNumber_refusesWithoutStoringAndChecksRoles() {
        String org = "org-card-admin";
        openAccount(table, org, BillingType.POSTPAID, clock);

        APIGatewayV2HTTPResponse panAsToken = postpaid.putCard(org, "{\"provider\":\"sandbox\",\"cardToken\":"
                + "\"4111111111111111\",\"brand\":\"visa\",\"maskedNumber\":\"•••• 1111\",\"expiryMonth\":12,"
                + "\"expiryYear\":2030}");
        APIGatewayV2HTTPResponse panInMask = postpaid.putCard(org, "{\"provider\":\"sandbox\",\"cardToken\":\"tok_ok\","
                + "\"brand\":\"visa\",\"maskedNumber\":\"4242 4242 4242 4242\",\"expiryMonth\":12,"
                + "\"expiryYear\":2030}");
        APIGatewayV2HTTPResponse panExtra = postpaid.putCard(org, "{\"provider\":\"sandbox\",\"cardToken\":\"tok_ok\","
                + "\"brand\":\"visa\",\"maskedNumber\":\"•••• 4242\",\"expiryMonth\":12,\"expiryYear\":2030,"
                + "\"cardNumber\":\"5555-5555-5555-4444\"}");
        APIGatewayV2HTTPResponse unknownOrg = postpaid.putCard("org-nobody", "{\"provider\":\"sandbox\",\"cardToken\":"
                + "\"tok_ok\",\"brand\":\"visa\",\"maskedNumber\":\"•••• 4242\",\"expiryMonth\":12,"
                + "\"expiryYear\":2030}");
        APIGatewayV2HTTPResponse member = new PaymentMethodAdminHandler(deps(table, clock)).handleRequest(
                HttpEvents.route("PUT", "/admin/orgs/{orgId}/payment-method", Map.of("orgId", org))
                        .member("user-1", org).body("{}").build(), null);

        for (APIGatewayV2HTTPResponse refused : List.of(panAsToken, panInMask, panExtra)) {
            assertEquals(422, refused.getStatusCode());
            assertTrue(refused.getBody().contains("urn:problem-type:billing:card-number-refused"));
            assertFalse(refused.getBody().contains("4111111111111111"));
        }
        assertEquals(404, unknownOrg.getStatusCode());
        assertEquals(403, member.getStatusCode());
        assertFalse(itemExists(table, PaymentMethodItems.key(org)));
    }
}
