package com.platform.billing.local;

/**
 * A local-only HTTP handler mounted on the runtime under a path prefix (see {@link LocalRuntime#mount}), e.g. the
 * sandbox payment gateway's checkout pages at {@code /_sandbox/}. It sees the request as the client sent it (no API
 * Gateway event, no authorizer) and answers directly. Exceptions it throws are logged and answered with a 500
 * problem; they never stop the runtime.
 */
@FunctionalInterface
public interface LocalHttpHandler {

    LocalHttpResponse handle(LocalHttpRequest request) throws Exception;
}
