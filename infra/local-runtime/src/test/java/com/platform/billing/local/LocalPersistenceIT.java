package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.platform.billing.devkit.MotoServer;
import com.platform.billing.devkit.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Persistent mode: data written before a restart is there after it (moto's request recording, replayed at start),
 * and a token minted before the restart is still accepted (the signing key is kept with the data).
 */
class LocalPersistenceIT {

    @Test
    void persistentRuntime_whenRestarted_keepsBalancesAndTokens() throws IOException {
        assumeTrue(MotoServer.findExecutable().isPresent(), "needs moto_server (infra/scripts/ensure-tools.sh)");
        Path data = Files.createTempDirectory("local-data");
        LocalOptions options = LocalOptions.parse(new String[] {"--port", "0", "--data-dir", data.toString()},
                Map.of());
        String member;
        try (LocalRuntime first = LocalRuntime.start(options); LocalHttp http = new LocalHttp(first.baseUrl())) {
            String admin = http.token("{\"sub\":\"admin-1\",\"roles\":[\"admin\"]}");
            assertEquals(201, http.send("PUT", "/admin/orgs/org-9/billing-account", admin,
                    "{\"billingType\":\"PREPAID\"}").statusCode());
            assertEquals(201, http.send("POST", "/admin/orgs/org-9/credit-adjustments", admin,
                    "{\"amount\":70000,\"reason\":\"before restart\"}").statusCode());
            member = http.token("{\"sub\":\"user-9\",\"orgs\":[\"org-9\"]}");
            assertEquals(200, http.send("GET", "/orgs/org-9/billing", member, null).statusCode());
        }

        try (LocalRuntime second = LocalRuntime.start(options); LocalHttp http = new LocalHttp(second.baseUrl())) {
            var billing = http.send("GET", "/orgs/org-9/billing", member, null);

            assertEquals(200, billing.statusCode(), billing.body());
            assertEquals(70000, LocalHttp.json(billing).path("credit").asLong());
            assertEquals(1, LocalHttp.json(http.send("GET", "/orgs/org-9/ledger-entries", member, null))
                    .path("items").size());
        }
    }

    @Test
    void defaultOptions_startClean_onPort3000_withTheRepositoryTemplate() {
        LocalOptions options = LocalOptions.parse(new String[0], Map.of());

        assertEquals(false, options.persistent());
        assertEquals(3000, options.port());
        assertEquals(RepoRoot.template(), options.template());
        assertEquals(null, options.endpoint());
    }
}
