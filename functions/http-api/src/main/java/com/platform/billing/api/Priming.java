package com.platform.billing.api;

import com.platform.billing.dynamodb.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: before Lambda snapshots an initialised function, run its JSON mapping and one read-only
 * DynamoDB call, so the classes, TLS and HTTP client are loaded and initialised inside the snapshot and the first
 * request after restore answers warm. The read is a GetItem of a key that never exists: it changes nothing.
 */
public final class Priming implements Resource {

    /** CRaC keeps resources weakly; holding them here keeps them registered for the container's life. */
    private static final List<Priming> REGISTERED = new ArrayList<>();

    private final Dependencies dependencies;
    private final Runnable extra;

    private Priming(Dependencies dependencies, Runnable extra) {
        this.dependencies = dependencies;
        this.extra = extra;
    }

    /** Registers priming for a function; {@code extra} exercises the function's own mapping (may be a no-op). */
    public static synchronized void register(Dependencies dependencies, Runnable extra) {
        Priming priming = new Priming(dependencies, extra);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    /** What runs before a checkpoint; public so tests and the cold-start benchmark can exercise it. */
    public void prime() {
        Json.write(Json.readObject("{\"amount\":50000,\"reason\":\"priming\"}"));
        dependencies.dynamo().getItem(r -> r.tableName(dependencies.table())
                .key(Map.of(Keys.PK, AttributeValue.fromS("PRIMING"), Keys.SK, AttributeValue.fromS("PRIMING"))));
        extra.run();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients re-resolve connections lazily and credentials come from the environment.
    }

    public static synchronized List<Priming> registered() {
        return List.copyOf(REGISTERED);
    }
}
