package com.platform.billing.domain.usage;

import java.math.BigDecimal;

/**
 * One usage record as the platform sent it, before validation. The quantity came either as text
 * ({@code quantityText}) or as a JSON number ({@code quantityNumber}). When the transport could not even read the
 * record (not an object, a field of the wrong JSON type), {@code malformedField} names the field and
 * {@code malformedDetail} says what is wrong; the record is then refused as malformed.
 *
 * @param index the record's position in its batch, so a refusal can be matched even without an id
 */
public record UsageRecordInput(int index, String id, String orgId, String resourceId, String sku,
                               String quantityText, BigDecimal quantityNumber, String start, String end,
                               String malformedField, String malformedDetail) {

    public static UsageRecordInput of(int index, String id, String orgId, String resourceId, String sku,
                                      String quantityText, BigDecimal quantityNumber, String start, String end) {
        return new UsageRecordInput(index, id, orgId, resourceId, sku, quantityText, quantityNumber, start, end,
                null, null);
    }

    public static UsageRecordInput malformed(int index, String id, String field, String detail) {
        return new UsageRecordInput(index, id, null, null, null, null, null, null, null, field, detail);
    }

    public boolean isMalformed() {
        return malformedDetail != null;
    }
}
