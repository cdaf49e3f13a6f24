package com.platform.billing.bench.ddb;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Json;
import com.platform.billing.devkit.HttpEvents;
import com.platform.billing.devkit.RequestCounter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What an operation works with: the function dependencies around the counted DynamoDB client (the production client
 * factory plus devkit's {@link RequestCounter}), handlers built on them, and a helper that sends an event and insists
 * on a 2xx answer (a figure for a refused request would measure the wrong path).
 */
public final class DdbContext {

    private final Dependencies dependencies;
    private final RequestCounter counter;
    private final Map<Class<?>, Object> handlers = new HashMap<>();

    DdbContext(Dependencies dependencies, RequestCounter counter) {
        this.dependencies = dependencies;
        this.counter = counter;
    }

    /** A context for set-up work outside the counted benchmarks (e.g. the cold-start fixtures). */
    public static DdbContext of(Dependencies dependencies) {
        return new DdbContext(dependencies, new RequestCounter());
    }

    public Dependencies dependencies() {
        return dependencies;
    }

    RequestCounter counter() {
        return counter;
    }

    /** A fresh org id, so operations never see each other's data. */
    public String newOrg(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The function's handler built through its test seam, the package-private constructor taking
     * {@link Dependencies} (followed by {@code extra} arguments for handlers that take more, e.g. a gateway), so it
     * uses the counted client. One instance per class, as in a warm container.
     */
    public <T> T handler(Class<T> type, Object... extra) {
        Object existing = handlers.get(type);
        if (existing != null) {
            return type.cast(existing);
        }
        Object[] args = new Object[extra.length + 1];
        args[0] = dependencies;
        System.arraycopy(extra, 0, args, 1, extra.length);
        T created = construct(type, args);
        handlers.put(type, created);
        return created;
    }

    /** Sends {@code event} through {@code handler}; anything but a 2xx is a benchmark error. */
    public APIGatewayV2HTTPResponse http(ApiHandler handler, HttpEvents event) {
        APIGatewayV2HTTPEvent built = event.build();
        APIGatewayV2HTTPResponse response = handler.handleRequest(built, null);
        if (response.getStatusCode() / 100 != 2) {
            throw new IllegalStateException(built.getRouteKey() + " answered " + response.getStatusCode() + ": "
                    + response.getBody());
        }
        return response;
    }

    /**
     * Sends {@code event} (its JSON, as Lambda passes it) through a stream handler that also takes HTTP API events
     * (e.g. the usage recorder) and returns the response's parsed body; anything but a 2xx is a benchmark error.
     */
    public JsonNode http(RequestStreamHandler handler, HttpEvents event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonNode response;
        try {
            handler.handleRequest(new ByteArrayInputStream(event.json().getBytes(StandardCharsets.UTF_8)), out,
                    null);
            response = Json.MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int status = response.path("statusCode").asInt();
        String body = response.path("body").asText("");
        if (status / 100 != 2) {
            throw new IllegalStateException(event.build().getRouteKey() + " answered " + status + ": " + body);
        }
        return body.isEmpty() ? Json.object() : Json.readObject(body);
    }

    private static <T> T construct(Class<T> type, Object[] args) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length != args.length) {
                continue;
            }
            boolean fits = true;
            for (int i = 0; i < args.length && fits; i++) {
                fits = parameters[i].isInstance(args[i]);
            }
            if (!fits) {
                continue;
            }
            try {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(args));
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("constructing " + type.getName() + " failed", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + type.getName(), e);
            }
        }
        throw new IllegalStateException(type.getName() + " has no constructor taking "
                + Arrays.stream(args).map(a -> a.getClass().getSimpleName()).toList());
    }
}
