package com.platform.billing.local;

/**
 * A local-only add-on the runtime loads at start through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/com.platform.billing.local.LocalExtension}), e.g. the sandbox payment gateway mounting
 * its checkout pages: {@code runtime.mount("/_sandbox", handler)}. It runs after the functions are initialised and
 * before the first request is served. An extension that throws is logged and skipped; the runtime still starts.
 */
public interface LocalExtension {

    void register(LocalRuntime runtime) throws Exception;
}
