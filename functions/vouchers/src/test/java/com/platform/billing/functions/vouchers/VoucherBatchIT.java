package com.platform.billing.functions.vouchers;

import static com.platform.billing.functions.vouchers.VoucherKit.assertProblem;
import static com.platform.billing.functions.vouchers.VoucherKit.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.voucher.VoucherCode;
import com.platform.billing.dynamodb.voucher.VoucherItems;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * A batch of 1,000 codes. All 1,000 are proven distinct and resolvable (each code hashes to a stored voucher, read
 * back in one BatchGetItem pass); redemption is proven on a random sample of 50 codes rather than all 1,000, because
 * each redemption is a 9-item transaction and 1,000 of them on moto would take minutes without proving more.
 */
@WithLedgerTable
class VoucherBatchIT {

    private static final Instant NOW = Instant.parse("2026-11-27T04:00:00Z");
    private static final int BATCH = 1_000;
    private static final int SAMPLE = 50;
    private final VoucherKit kit;

    VoucherBatchIT(LedgerTable table) {
        this.kit = new VoucherKit(table, NOW);
    }

    @Test
    void createBatch_of1000_allDistinctAllResolvableAndEachRedeemableOnce() {
        ObjectNode request = kit.terms(50_000, NOW, NOW.plus(Duration.ofDays(30)), 1, 1);
        request.put("count", BATCH);
        kit.table.counter().reset();

        APIGatewayV2HTTPResponse response = kit.admin("POST", "/admin/vouchers", Map.of(), request.toString());

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(BATCH / 25, kit.table.counter().requests("BatchWriteItem"), "batches of 25, no retries");
        JsonNode body = json(response);
        String batchId = body.path("batchId").asText();
        Map<String, String> codeById = new LinkedHashMap<>();
        for (JsonNode voucher : body.path("vouchers")) {
            String code = voucher.path("code").asText();
            String id = voucher.path("voucherId").asText();
            assertEquals(id, kit.settings.hasher().voucherId(VoucherCode.parse(code, "code")), "id = hash(code)");
            codeById.put(id, code);
        }
        assertEquals(BATCH, codeById.size(), "ids distinct");
        assertEquals(BATCH, new HashSet<>(codeById.values()).size(), "codes distinct");

        Map<String, Map<String, AttributeValue>> stored = readAll(codeById.keySet());
        assertEquals(BATCH, stored.size(), "every code resolves to a stored voucher");
        stored.forEach((id, item) -> {
            assertEquals(batchId, item.get("batchId").s());
            assertEquals("0", item.get("redeemedCount").n());
            assertEquals("ACTIVE", item.get("status").s());
            String code = VoucherCode.parse(codeById.get(id), "code").normalized();
            assertEquals(code.substring(code.length() - 4), item.get("codeLastFour").s());
        });
        assertNoCodeIn(stored.values(), codeById.values());

        List<String> ids = new ArrayList<>(codeById.keySet());
        long seed = System.nanoTime();
        Collections.shuffle(ids, new Random(seed));
        List<String> sample = ids.subList(0, SAMPLE);
        for (int i = 0; i < SAMPLE; i++) {
            String org = "org-batch-" + i;
            kit.openAccount(org);
            APIGatewayV2HTTPResponse redeemed = kit.redeem(org, "user-batch-" + i,
                    codeById.get(sample.get(i)).toLowerCase());
            assertEquals(201, redeemed.getStatusCode(), "seed " + seed + ": " + redeemed.getBody());
            assertEquals(50_000, kit.balance(org));
        }
        kit.openAccount("org-batch-late");
        for (int i = 0; i < 5; i++) {
            assertProblem(kit.redeem("org-batch-late", "user-batch-late", codeById.get(sample.get(i))), 409,
                    "voucher-fully-redeemed");
        }
        Map<String, Map<String, AttributeValue>> after = readAll(sample);
        after.values().forEach(item -> assertEquals("1", item.get("redeemedCount").n()));
        assertEquals(0, kit.balance("org-batch-late"));
        // (The ledger auditor runs in the other voucher ITs; over 51 fresh orgs on moto it would double this test.)
    }

    /** BatchGetItem in pages of 100 keys (the API's maximum), following unprocessed keys. */
    private Map<String, Map<String, AttributeValue>> readAll(java.util.Collection<String> voucherIds) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<String> all = new ArrayList<>(voucherIds);
        for (int from = 0; from < all.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = all.subList(from, Math.min(from + 100, all.size())).stream()
                    .map(VoucherItems::voucherKey).toList();
            Map<String, KeysAndAttributes> pending = Map.of(kit.table.name(),
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> ask = pending;
                var page = kit.table.dynamo().batchGetItem(r -> r.requestItems(ask));
                page.responses().getOrDefault(kit.table.name(), List.of())
                        .forEach(item -> found.put(item.get("voucherId").s(), item));
                pending = page.hasUnprocessedKeys() ? page.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /**
     * No stored voucher item holds its code, or any other code of the batch, in any attribute. (Checked on the items
     * the batch wrote, read back above: a Scan of a 1,000-item table is very slow on moto.)
     */
    private static void assertNoCodeIn(java.util.Collection<Map<String, AttributeValue>> items,
                                       java.util.Collection<String> codes) {
        Set<String> normalized = new HashSet<>();
        codes.forEach(code -> normalized.add(VoucherCode.parse(code, "code").normalized()));
        int checked = 0;
        for (Map<String, AttributeValue> item : items) {
            for (AttributeValue value : item.values()) {
                if (value.s() != null) {
                    String text = value.s().toUpperCase().replace("-", "");
                    for (String code : normalized) {
                        assertFalse(text.contains(code), () -> "a code is stored in clear: " + item);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > BATCH);
    }
}
