package com.platform.billing.functions.baremetal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.MalformedRequestException;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.OrgId;
import com.platform.billing.domain.baremetal.BareMetalCharging.NewServer;
import com.platform.billing.domain.usage.SkuDefinition;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The platform's charge request, the same JSON as the HTTP body and as the EventBridge event's {@code detail}:
 * {@code {orgId, serverId, sku, monthlyPrice?, termMonths, start}}. {@code start} is an ISO-8601 instant with an
 * offset ({@code 2026-01-31T10:00:00+07:00}); {@code monthlyPrice} (whole IDR) overrides the catalogue price of
 * {@code sku}.
 */
final class BareMetalRequests {

    static final Set<String> FIELDS = Set.of("orgId", "serverId", "sku", "monthlyPrice", "termMonths", "start");

    private BareMetalRequests() {
    }

    static NewServer newServer(ObjectNode body, String actor) {
        JsonFields.onlyKnown(body, FIELDS);
        String orgId = JsonFields.requiredText(body, "orgId");
        if (!OrgId.isValid(orgId)) {
            throw new InvalidRequestException("orgId", "orgId is not a valid organization id.");
        }
        String serverId = JsonFields.requiredText(body, "serverId");
        String sku = JsonFields.requiredText(body, "sku");
        if (!SkuDefinition.isValidId(sku)) {
            throw new InvalidRequestException("sku", "sku is not a valid SKU id.");
        }
        OptionalLong monthlyPrice = body.hasNonNull("monthlyPrice")
                ? OptionalLong.of(JsonFields.requiredAmount(body, "monthlyPrice")) : OptionalLong.empty();
        long months = JsonFields.requiredAmount(body, "termMonths");
        if (months != 1 && months != 3 && months != 6 && months != 12) {
            throw new InvalidRequestException("termMonths", "termMonths must be 1, 3, 6 or 12.");
        }
        return new NewServer(orgId, serverId, sku, monthlyPrice, (int) months, instant(body, "start"), actor);
    }

    private static Instant instant(ObjectNode body, String field) {
        String text = JsonFields.requiredText(body, field);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, field + " must be an ISO-8601 date-time with an offset,"
                    + " e.g. 2026-01-31T10:00:00+07:00.");
        }
    }

    /** The detail of an EventBridge event, which must be a JSON object. */
    static ObjectNode detail(JsonNode event) {
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            throw new MalformedRequestException("detail must be a JSON object.");
        }
        return (ObjectNode) detail;
    }
}
