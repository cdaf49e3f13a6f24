package com.platform.billing.devkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives an integration test class a DynamoDB endpoint and its own fresh ledger table, created from template.yaml's
 * table definition. The backend (see {@link AwsBackend}) is started once per test JVM and shared; each class gets a
 * new small table (moto's transactions cost time proportional to table size) that is deleted afterwards.
 * Inject {@link LedgerTable} into a constructor, a lifecycle method or a test method.
 */
public final class LedgerTableExtension
        implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            LedgerTableExtension.class);

    /**
     * With {@code -Dbilling.backend=localstack} on a machine without Docker, the class is skipped (reported as
     * skipped, not failed): the same suite then runs against moto on the machines that have no Docker.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("localstack".equals(System.getProperty("billing.backend")) && System.getenv("AWS_ENDPOINT_URL") == null
                && !LocalStackBackend.dockerAvailable()) {
            return ConditionEvaluationResult.disabled("LocalStack backend requested but no Docker engine is reachable");
        }
        return ConditionEvaluationResult.enabled("a DynamoDB backend is available");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureTable(classContext(context));
    }

    /**
     * Creates the class's table on first use: from beforeAll, or earlier when a PER_CLASS test instance asks for it
     * in its constructor.
     */
    private static LedgerTable ensureTable(ExtensionContext classContext) {
        LedgerTable existing = classContext.getStore(NAMESPACE).get("table", LedgerTable.class);
        if (existing != null) {
            return existing;
        }
        AwsBackend backend;
        try {
            backend = classContext.getRoot().getStore(NAMESPACE).computeIfAbsent("backend",
                    k -> new StoredBackend(AwsBackend.start(motoLog())), StoredBackend.class).backend();
        } catch (AwsBackend.DockerUnavailableException noDocker) {
            Assumptions.abort("skipped: " + noDocker.getMessage());
            return null;
        }
        RequestCounter counter = new RequestCounter();
        var dynamo = backend.dynamoDb(counter);
        Class<?> testClass = classContext.getRequiredTestClass();
        String name = "billing-" + testClass.getSimpleName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        WithLedgerTable settings = testClass.getAnnotation(WithLedgerTable.class);
        LedgerTableFactory.createIfAbsent(dynamo, Template.load(), name, settings != null && settings.stream());
        counter.reset();
        LedgerTable table = new LedgerTable(name, backend.endpoint(), dynamo, counter, backend);
        classContext.getStore(NAMESPACE).put("table", table);
        return table;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LedgerTable table = classContext(context).getStore(NAMESPACE).get("table", LedgerTable.class);
        if (table != null) {
            try {
                table.dynamo().deleteTable(r -> r.tableName(table.name()));
            } catch (RuntimeException ignored) {
                // the backend may already be gone at the end of the run
            }
            table.dynamo().close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LedgerTable.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return ensureTable(classContext(context));
    }

    private static Path motoLog() {
        try {
            Path dir = Path.of("target");
            Files.createDirectories(dir);
            return dir.resolve("moto_server.log");
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Closes the shared backend when the whole test run ends. */
    private record StoredBackend(AwsBackend backend) implements AutoCloseable {
        @Override
        public void close() {
            backend.close();
        }
    }
}
