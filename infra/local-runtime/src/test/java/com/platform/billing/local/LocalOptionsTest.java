package com.platform.billing.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.devkit.RepoRoot;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    @Test
    void parse_whenFlagsGiven_overridesTheEnvironment() {
        LocalOptions options = LocalOptions.parse(new String[] {"--port", "4100", "--table=billing-dev",
                "--endpoint", "http://127.0.0.1:5000"}, Map.of("PORT", "3100", "AWS_ENDPOINT_URL", "http://x:1"));

        assertEquals(4100, options.port());
        assertEquals("billing-dev", options.tableName());
        assertEquals(URI.create("http://127.0.0.1:5000"), options.endpoint());
    }

    @Test
    void parse_whenOnlyEnvironment_usesIt() {
        LocalOptions options = LocalOptions.parse(new String[0], Map.of("PORT", "3100", "LOCAL_DATA_DIR", "/tmp/d",
                "LOCAL_JWT_SECRET", "s".repeat(32)));

        assertEquals(3100, options.port());
        assertEquals(Path.of("/tmp/d"), options.dataDir());
        assertTrue(options.persistent());
        assertEquals("s".repeat(32), options.jwtSecret());
    }

    @Test
    void parse_whenPersist_keepsDataInTheRepository() {
        assertEquals(RepoRoot.get().resolve(".local-data"), LocalOptions.parse(new String[] {"--persist"}, Map.of())
                .dataDir());
    }

    @Test
    void parse_whenParameterOverridesGiven_readsBothSamForms() {
        LocalOptions options = LocalOptions.parse(new String[] {"--parameter-overrides",
                "PaymentGateway=sandbox ParameterKey=LogRetentionDays,ParameterValue=7"}, Map.of());

        assertEquals(Map.of("PaymentGateway", "sandbox", "LogRetentionDays", "7"), options.parameters());
    }

    @Test
    void parse_whenNoEnvVarsFlag_usesTheRepositoryDefaultFileIfPresent() {
        Path defaultFile = RepoRoot.get().resolve(LocalOptions.DEFAULT_ENV_VARS);
        assertEquals(java.nio.file.Files.exists(defaultFile) ? defaultFile : null,
                LocalOptions.parse(new String[0], Map.of()).envVars());
        assertThrows(LocalOptions.UsageException.class, () -> LocalOptions.parse(new String[] {"--env-vars",
                "/no/such/file.json"}, Map.of()));
    }

    @Test
    void parse_whenArgumentsAreBad_explainsWhy() {
        assertThrows(LocalOptions.UsageException.class, () -> LocalOptions.parse(new String[] {"--port"}, Map.of()));
        assertThrows(LocalOptions.UsageException.class, () -> LocalOptions.parse(new String[] {"--port", "x"},
                Map.of()));
        assertThrows(LocalOptions.UsageException.class, () -> LocalOptions.parse(new String[] {"--port", "70000"},
                Map.of()));
        assertThrows(LocalOptions.UsageException.class, () -> LocalOptions.parse(new String[] {"--bogus"},
                Map.of()));
        assertThrows(LocalOptions.UsageException.class, () -> LocalOptions.parse(new String[] {"--endpoint",
                "localhost"}, Map.of()));
        assertThrows(LocalOptions.UsageException.class, () -> LocalOptions.parse(new String[0],
                Map.of("LOCAL_JWT_SECRET", "short")));
        assertThrows(LocalOptions.UsageException.class, () -> LocalOptions.parse(new String[] {"--table", "a b"},
                Map.of()));
        assertThrows(LocalOptions.UsageException.class, () -> LocalOptions.parse(new String[] {
                "--parameter-overrides", "NoEquals"}, Map.of()));
    }
}
