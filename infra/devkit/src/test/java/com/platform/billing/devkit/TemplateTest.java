package com.platform.billing.devkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private final Template template = Template.load();

    @Test
    void ledgerTable_hasKeysIndexesStreamAndTtl() {
        var props = template.ledgerTableProperties();
        assertEquals("PK", props.path("KeySchema").get(0).path("AttributeName").asText());
        assertEquals("SK", props.path("KeySchema").get(1).path("AttributeName").asText());
        assertEquals(Set.of("GSI1", "GSI2"), Set.of(props.path("GlobalSecondaryIndexes").get(0).path("IndexName")
                .asText(), props.path("GlobalSecondaryIndexes").get(1).path("IndexName").asText()));
        assertEquals("NEW_AND_OLD_IMAGES", props.path("StreamSpecification").path("StreamViewType").asText());
        assertEquals("expiresAt", props.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(props.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
        assertFalse(props.has("TableName"), "no hard-coded table name");
    }

    @Test
    void httpRoutes_areUniqueAndEveryFunctionHasAJarAndHandler() {
        Set<String> seen = new HashSet<>();
        for (Template.Route route : template.httpRoutes()) {
            assertTrue(seen.add(route.method() + " " + route.path()), "duplicate route " + route);
            assertTrue(route.path().startsWith("/"), route.toString());
        }
        assertTrue(seen.contains("GET /orgs/{orgId}/billing"));
        assertTrue(seen.contains("POST /admin/orgs/{orgId}/credit-adjustments"));
        for (Template.Function function : template.functions()) {
            assertTrue(function.codeUri().endsWith("-lambda.jar"), function.logicalId());
            assertTrue(function.handler().contains("::handleRequest"), function.logicalId());
            String module = function.codeUri().substring(0, function.codeUri().indexOf("/target/"));
            assertTrue(Files.exists(RepoRoot.get().resolve(module).resolve(".lambda-function")),
                    function.logicalId() + " points at a module without a Lambda jar: " + module);
        }
    }

    @Test
    void everyRoute_isAuthenticated_exceptTheGatewayWebhooks() {
        for (Template.Route route : template.httpRoutes()) {
            if (route.path().startsWith("/pg/")) {
                assertEquals("NONE", route.auth(), route.toString());
            } else if (route.path().startsWith("/internal/")) {
                assertEquals("IAM", route.auth(), route.toString());
            } else {
                assertEquals("JWT", route.auth(), route.toString());
            }
        }
    }
}
