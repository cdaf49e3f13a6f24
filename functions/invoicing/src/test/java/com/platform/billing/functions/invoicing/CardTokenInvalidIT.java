package com.platform.billing.functions.invoicing;

import static com.platform.billing.functions.invoicing.InvoicingFixtures.eventExists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.invoice.Invoice;
import com.platform.billing.domain.invoice.InvoiceStatus;
import com.platform.billing.dynamodb.LedgerAuditor;
import com.platform.billing.dynamodb.billingrun.PaymentMethodItems;
import com.platform.billing.gateway.FakeCardGateway;
import com.platform.billing.gateway.FakeCardGateway.Script;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * [issue 9] A saved card whose token the gateway reports expired or revoked at charge time. In its own class (own
 * table) because the failed charge schedules a retry that other classes' retry-day counts would see.
 */
@WithLedgerTable
class CardTokenInvalidIT {

    private final LedgerTable table;
    private final PostpaidScenario postpaid;

    CardTokenInvalidIT(LedgerTable table) {
        this.table = table;
        this.postpaid = new PostpaidScenario(table);
    }

    @Test
    void issue_whenTheGatewayReportsTheTokenInvalid_invoiceStaysDueCardIsMarkedAndAnEventAsksForANewCard() {
        String org = "org-card-token-expired";
        postpaid.postpaidOrg(org);
        FakeCardGateway gateway = new FakeCardGateway().then(Script.TOKEN_INVALID);

        postpaid.deliver(gateway, org);

        Invoice invoice = postpaid.invoice(org);
        assertEquals(InvoiceStatus.OPEN, invoice.status());
        assertEquals(11_100, invoice.amountDue().amount());
        assertTrue(eventExists(table, invoice.id() + "-a1.method-invalid"), "PaymentMethodInvalid recorded");
        var card = PaymentMethodItems.storedFromItem(table.dynamo().getItem(r -> r.tableName(table.name())
                .key(PaymentMethodItems.key(org)).consistentRead(true)).item());
        assertFalse(card.usable(), "the saved card is marked invalid, so the settings ask for a new one");
        assertEquals(Instant.parse(PostpaidScenario.ISSUE_TIME), card.invalidAt());
        assertTrue(new LedgerAuditor(table.dynamo(), table.name()).audit().clean());
    }
}
