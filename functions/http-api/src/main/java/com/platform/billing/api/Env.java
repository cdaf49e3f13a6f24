package com.platform.billing.api;

import java.util.Optional;

/**
 * Configuration lookup: a JVM system property of the same name wins over the environment variable. Lambda sets
 * environment variables; the local runtime hosts every function in one JVM and sets system properties instead.
 */
public final class Env {

    private Env() {
    }

    public static Optional<String> get(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public static String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("missing configuration " + name));
    }

    public static long getLong(String name, long fallback) {
        return get(name).map(Long::parseLong).orElse(fallback);
    }
}
