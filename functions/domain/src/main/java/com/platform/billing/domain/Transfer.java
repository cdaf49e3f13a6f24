package com.platform.billing.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One movement of money into (positive {@code amount}) or out of (negative) an organization's credit. Once applied it
 * is never edited: a correction is a new transfer.
 *
 * @param reference what caused it (order id, voucher id, invoice id…), or empty
 * @param actor     who caused it: a user id for admin actions, {@code system:<component>} otherwise
 * @param reason    the human reason an admin typed, or empty
 */
public record Transfer(TransferId id, String orgId, TransferKind kind, Money amount, String reference, String actor,
                       String reason) {

    public Transfer {
        Objects.requireNonNull(id, "id");
        OrgId.requireValid(orgId);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        if (amount.isZero()) {
            throw new IllegalArgumentException("a transfer moves a non-zero amount");
        }
    }

    /**
     * A digest of every field that defines the transfer. Replaying the same id with the same fingerprint is a
     * harmless retry; the same id with another fingerprint is a conflicting request and is refused.
     */
    public String fingerprint() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
        for (String field : new String[] {id.value(), orgId, kind.name(), Long.toString(amount.amount()),
                amount.currency(), reference, actor, reason}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            // Length-prefix each field so that ("ab","c") and ("a","bc") never collide.
            sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) ':');
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
