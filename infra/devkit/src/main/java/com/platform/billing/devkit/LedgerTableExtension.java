package com.platform.billing.devkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives an integration test class a DynamoDB endpoint and its own fresh ledger table, created from template.yaml's
 * table definition. The backend (see {@link AwsBackend}) is started once per test JVM and shared; each class gets a
 * new small table (moto's transactions cost time proportional to table size) that is deleted afterwards.
 * Inject {@link LedgerTable} into a constructor, a lifecycle method or a test method.
 */
public final class LedgerTableExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            LedgerTableExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        AwsBackend backend;
        try {
            backend = context.getRoot().getStore(NAMESPACE).computeIfAbsent("backend",
                    k -> new StoredBackend(AwsBackend.start(motoLog())), StoredBackend.class).backend();
        } catch (AwsBackend.DockerUnavailableException noDocker) {
            Assumptions.abort("skipped: " + noDocker.getMessage());
            return;
        }
        RequestCounter counter = new RequestCounter();
        var dynamo = backend.dynamoDb(counter);
        String name = "billing-" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        WithLedgerTable settings = context.getRequiredTestClass().getAnnotation(WithLedgerTable.class);
        LedgerTableFactory.createIfAbsent(dynamo, Template.load(), name, settings != null && settings.stream());
        counter.reset();
        context.getStore(NAMESPACE).put("table", new LedgerTable(name, backend.endpoint(), dynamo, counter, backend));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LedgerTable table = context.getStore(NAMESPACE).get("table", LedgerTable.class);
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
        LedgerTable table = findTable(context);
        if (table == null) {
            throw new IllegalStateException("the ledger table is not ready (was beforeAll skipped?)");
        }
        return table;
    }

    private static LedgerTable findTable(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            LedgerTable table = c.getStore(NAMESPACE).get("table", LedgerTable.class);
            if (table != null) {
                return table;
            }
        }
        return null;
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
