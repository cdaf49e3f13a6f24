package com.platform.billing.dynamodb;

import com.platform.billing.domain.TransferId;

/**
 * Every key format of the single table, one factory method per entity. Raw ids are also stored as plain attributes,
 * so nothing ever has to parse a key to get an id back. The access-pattern table is in docs/data-model.md.
 */
public final class Keys {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    public static final String GSI1 = "GSI1";
    public static final String GSI2 = "GSI2";
    public static final String TYPE = "type";
    /** Epoch seconds after which DynamoDB's TTL may delete the item (rate-limit counters, priming probes). */
    public static final String TTL = "expiresAt";

    /** Accounts are spread over this many index partitions so listing them never needs a scan nor a hot key. */
    public static final int ACCOUNT_SHARDS = 16;

    private Keys() {
    }

    public static String orgPk(String orgId) {
        return "ORG#" + orgId;
    }

    public static String accountSk() {
        return "ACCOUNT";
    }

    public static final String ENTRY_PREFIX = "ENTRY#";

    /** Zero-padded so that entries sort by sequence, which is also time order. */
    public static String entrySk(long sequence) {
        return ENTRY_PREFIX + String.format("%012d", sequence);
    }

    public static String transferPk(TransferId id) {
        return "TRANSFER#" + id.value();
    }

    public static String transferSk() {
        return "TRANSFER";
    }

    public static String accountShardPk(String orgId) {
        return accountShardPk(Math.floorMod(orgId.hashCode(), ACCOUNT_SHARDS));
    }

    public static String accountShardPk(int shard) {
        return "ACCOUNTS#" + shard;
    }
}
