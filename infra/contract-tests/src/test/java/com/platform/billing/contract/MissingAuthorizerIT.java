package com.platform.billing.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.billing.contract.RouteCatalog.RouteClass;
import com.platform.billing.contract.RouteCatalog.SweptRoute;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.RepoRoot;
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
 * Defence in depth: the functions do not trust the route table. The service runs from a copy of template.yaml with
 * every authorizer removed (the JWT default and AWS_IAM both set to NONE), so requests reach the functions with no
 * authorizer context: every console route must still answer 401 {@code unauthenticated} and every internal route
 * 403 {@code forbidden}, writing nothing. Generated from the real template's routes and their classes.
 */
@WithLedgerTable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissingAuthorizerIT {

    private final LocalService service;
    private final OpenApiSpec spec = OpenApiSpec.load();
    private final Verdicts verdicts = new Verdicts(spec);

    MissingAuthorizerIT(LedgerTable table) throws IOException {
        String template = Files.readString(RepoRoot.template());
        String open = template.replace("DefaultAuthorizer: ConsoleJwt", "DefaultAuthorizer: NONE")
                .replace("Authorizer: AWS_IAM", "Authorizer: NONE");
        assertTrue(!open.equals(template) && !open.contains("AWS_IAM\n"), "template.yaml's authorizers moved");
        Path dir = Files.createTempDirectory("contract-no-auth");
        Path copy = Files.writeString(dir.resolve("template.yaml"), open);
        copy.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        this.service = new LocalService(table, List.of("--template", copy.toString()), false);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRoute_refusesARequestThatNoAuthorizerChecked() {
        return RouteCatalog.all().stream().filter(r -> r.routeClass() != RouteClass.WEBHOOK)
                .map(route -> DynamicTest.dynamicTest(route.toString(), () -> refused(route)));
    }

    private void refused(SweptRoute route) {
        boolean internal = route.routeClass() == RouteClass.INTERNAL;
        TableSnapshot before = service.snapshot();
        LocalService.Reply reply = service.send(route.route().method(), service.path(route.route().path(), Map.of()),
                Map.of("content-type", "application/json", "authorization", "Bearer " + service.admin),
                spec.requestExample(route.key()).map(Object::toString).orElse(null));

        verdicts.problem(route.key(), reply, internal ? 403 : 401, internal ? "forbidden" : "unauthenticated")
                .ifPresent(f -> {
                    throw new AssertionError(route + ": " + f);
                });
        TableSnapshot after = service.snapshot();
        assertTrue(before.equals(after), route + " wrote:\n  " + TableDiff.describe(before, after));
    }
}
