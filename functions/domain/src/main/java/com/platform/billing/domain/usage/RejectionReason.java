package com.platform.billing.domain.usage;

/** Why a usage record was refused; the wire code is stable so the platform may branch on it. */
public enum RejectionReason {
    MALFORMED("malformed"),
    INVALID_ID("invalid-id"),
    INVALID_ORG_ID("invalid-org-id"),
    UNKNOWN_ORG("unknown-org"),
    INVALID_RESOURCE_ID("invalid-resource-id"),
    UNKNOWN_SKU("unknown-sku"),
    NO_PRICE("no-price-in-effect"),
    INVALID_QUANTITY("invalid-quantity"),
    NEGATIVE_QUANTITY("negative-quantity"),
    TOO_MANY_DECIMALS("too-many-decimals"),
    QUANTITY_TOO_LARGE("quantity-too-large"),
    INVALID_TIME("invalid-time"),
    END_BEFORE_START("end-before-start"),
    END_IN_FUTURE("end-in-future"),
    TOO_OLD("too-old"),
    AMOUNT_TOO_LARGE("amount-too-large"),
    ID_CONFLICT("id-conflict");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
