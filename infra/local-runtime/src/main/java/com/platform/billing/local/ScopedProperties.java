package com.platform.billing.local;

import java.util.Map;
import java.util.Properties;

/**
 * JVM system properties with a per-function layer. Lambda gives every function its own environment; here all
 * functions share one JVM, and the handlers read configuration through {@code Env} (a system property wins over the
 * environment variable). So the runtime sets the values every function shares as plain system properties, and binds
 * each function's own variables to the thread that initialises or invokes it: a function sees exactly its template
 * environment, even where two functions give the same variable different values. Threads the runtime did not start
 * for a function (a pool a handler creates during init inherits the init thread's layer) see the shared values only.
 */
final class ScopedProperties extends Properties {

    private static final InheritableThreadLocal<Map<String, String>> SCOPE = new InheritableThreadLocal<>();

    private ScopedProperties(Properties current) {
        putAll(current);
    }

    /** Replaces the JVM's properties with a scoped copy (once; later calls keep it). */
    static synchronized void install() {
        if (!(System.getProperties() instanceof ScopedProperties)) {
            System.setProperties(new ScopedProperties(System.getProperties()));
        }
    }

    /** Work that runs inside a function's scope. */
    @FunctionalInterface
    interface Body<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code body} on this thread with {@code scope} layered over the system properties. */
    static <T, E extends Exception> T with(Map<String, String> scope, Body<T, E> body) throws E {
        Map<String, String> previous = SCOPE.get();
        SCOPE.set(scope);
        try {
            return body.run();
        } finally {
            if (previous == null) {
                SCOPE.remove();
            } else {
                SCOPE.set(previous);
            }
        }
    }

    @Override
    public String getProperty(String key) {
        Map<String, String> scope = SCOPE.get();
        if (scope != null) {
            String value = scope.get(key);
            if (value != null) {
                return value;
            }
        }
        return super.getProperty(key);
    }
}
