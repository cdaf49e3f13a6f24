package com.platform.billing.functions.baremetal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.api.Log;
import com.platform.billing.api.MalformedRequestException;
import com.platform.billing.api.Metrics;
import com.platform.billing.domain.BillingException;
import com.platform.billing.domain.ConcurrentUpdateException;
import com.platform.billing.domain.baremetal.BareMetalCharging;
import com.platform.billing.domain.baremetal.ChargeOutcome;

/**
 * Charges from the platform's events: EventBridge events with {@code source} {@value #SOURCE} and
 * {@code detail-type} {@value #DETAIL_TYPE}, whose {@code detail} is the same JSON as the HTTP request body. They
 * arrive through the BareMetalChargeQueue (SQS, partial batch responses); a direct EventBridge invocation is handled
 * too. The answer the HTTP route gives is, on this path, the {@code BareMetalTermInvoiced} event (plus the card
 * charge's events for a postpaid org).
 *
 * <p>A charge refused for its content (unknown org, bad field, a different charge for the same term) is logged and
 * counted ({@code BareMetalChargesRefused}: alarm on it) and not retried — resending cannot fix it; anything else is
 * retried (reported as a batch item failure; after the queue's maxReceiveCount it is dead-lettered).
 */
final class BareMetalEvents {

    static final String SOURCE = "platform.baremetal";
    static final String DETAIL_TYPE = "BareMetalServerCreated";

    private final BareMetalCharging charging;

    BareMetalEvents(BareMetalCharging charging) {
        this.charging = charging;
    }

    static boolean isSqsEvent(JsonNode event) {
        return event.path("Records").isArray();
    }

    static boolean isEventBridgeEvent(JsonNode event) {
        return event.has("detail-type") && event.has("source");
    }

    /** An SQS batch: returns the partial batch response naming the messages to retry. */
    ObjectNode onSqs(JsonNode event) {
        ObjectNode response = Json.object();
        var failures = response.putArray("batchItemFailures");
        for (JsonNode message : event.path("Records")) {
            String messageId = message.path("messageId").asText("");
            try {
                charge(Json.MAPPER.readTree(message.path("body").asText("")));
            } catch (BillingException refused) {
                if (refused instanceof ConcurrentUpdateException) {
                    failures.addObject().put("itemIdentifier", messageId);
                } else {
                    refuse(messageId, refused);
                }
            } catch (JsonProcessingException notJson) {
                ObjectNode line = Log.line("ERROR", "bare-metal charge event is not JSON; dropped");
                line.put("messageId", messageId);
                Log.emit(line);
                Metrics.count("BareMetalChargesRefused");
            } catch (RuntimeException unexpected) {
                Log.error("bare-metal charge event not processed; it will be retried", unexpected);
                failures.addObject().put("itemIdentifier", messageId);
            } finally {
                Log.bindOrg(null);
            }
        }
        return response;
    }

    /** A direct EventBridge invocation: a refusal is logged and dropped; anything else throws (Lambda retries). */
    ObjectNode onEventBridge(JsonNode event) {
        try {
            return BareMetalViews.outcome(charge(event));
        } catch (BillingException refused) {
            if (refused instanceof ConcurrentUpdateException) {
                throw refused;
            }
            refuse(event.path("id").asText(""), refused);
            return Json.object().put("refused", refused.code());
        }
    }

    private ChargeOutcome charge(JsonNode event) {
        if (!event.isObject() || !SOURCE.equals(event.path("source").asText())
                || !DETAIL_TYPE.equals(event.path("detail-type").asText())) {
            throw new MalformedRequestException("not a " + SOURCE + " " + DETAIL_TYPE
                    + " event");
        }
        ObjectNode detail = BareMetalRequests.detail(event);
        Log.bindOrg(detail.path("orgId").asText(null));
        ChargeOutcome outcome = charging.chargeNew(BareMetalRequests.newServer(detail,
                "events:" + SOURCE + "/" + event.path("account").asText("")));
        BareMetalApi.report(outcome, "events");
        return outcome;
    }

    private static void refuse(String messageId, BillingException refused) {
        ObjectNode line = Log.line("ERROR", "bare-metal charge event refused; not retried");
        line.put("messageId", messageId);
        line.put("problem", refused.code());
        line.put("detail", refused.getMessage());
        Log.emit(line);
        Metrics.count("BareMetalChargesRefused");
    }
}
