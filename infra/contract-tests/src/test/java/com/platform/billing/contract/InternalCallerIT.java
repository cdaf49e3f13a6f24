package com.platform.billing.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.contract.RouteCatalog.RouteClass;
import com.platform.billing.contract.RouteCatalog.SweptRoute;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.TableSnapshot;
import com.platform.billing.devkit.WithLedgerTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The internal routes' own check, behind API Gateway's: a request that IAM authorization let through, signed by a
 * principal of an AWS account not in {@code INTERNAL_CALLER_ACCOUNTS}, is refused with 403 {@code forbidden} and
 * writes nothing. Every IAM route of template.yaml (INTERNAL_CALLER_ACCOUNTS set for each function that serves
 * one), so a new internal route whose function does not check its caller's account fails here.
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InternalCallerIT {

    private final LocalService service;
    private final OpenApiSpec spec = OpenApiSpec.load();
    private final Verdicts verdicts = new Verdicts(spec);

    InternalCallerIT(LedgerTable table) throws IOException {
        Path envVars = Files.createTempFile("contract-env", ".json");
        // Per function (not "Parameters"): a value every function shares becomes a JVM-wide system property in the
        // local runtime, and would outlive this class.
        StringBuilder json = new StringBuilder("{");
        RouteCatalog.all().stream().filter(r -> r.routeClass() == RouteClass.INTERNAL)
                .map(r -> r.route().functionId()).distinct().forEach(id -> json.append(json.length() > 1 ? "," : "")
                        .append('"').append(id).append("\": {\"INTERNAL_CALLER_ACCOUNTS\": \"999999999999\"}"));
        Files.writeString(envVars, json.append('}').toString());
        envVars.toFile().deleteOnExit();
        this.service = new LocalService(table, List.of("--env-vars", envVars.toString()));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @TestFactory
    Stream<DynamicTest> everyInternalRoute_refusesAPrincipalOfAnotherAccount() {
        return RouteCatalog.all().stream().filter(r -> r.routeClass() == RouteClass.INTERNAL)
                .map(route -> DynamicTest.dynamicTest(route.toString(), () -> refused(route)));
    }

    private void refused(SweptRoute route) {
        TableSnapshot before = service.snapshot();
        LocalService.Reply reply = service.send(route.route().method(), service.path(route.route().path(), Map.of()),
                Map.of("content-type", "application/json", "x-local-iam-role", "some-other-accounts-role"),
                spec.requestExample(route.key()).map(Object::toString).orElse(null));

        verdicts.problem(route.key(), reply, 403, "forbidden").ifPresent(f -> {
            throw new AssertionError(route + ": " + f);
        });
        TableSnapshot after = service.snapshot();
        assertTrue(before.equals(after), route + " wrote:\n  " + TableDiff.describe(before, after));
    }
}
