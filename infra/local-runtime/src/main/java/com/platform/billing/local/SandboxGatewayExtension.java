package com.platform.billing.local;

import com.platform.billing.gateway.sandbox.SandboxGatewaySimulator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * [issue 3, top-up] Mounts the sandbox payment gateway's own side ({@link SandboxGatewaySimulator}: the checkout page
 * with Pay and Fail, which then POSTs a signed notification to our webhook like a real gateway) at
 * {@code /_sandbox/}. Built from the same settings as the functions' sandbox gateway ({@code PG_SANDBOX_SECRET},
 * {@code LOCAL_BASE_URL}), which the runtime provides.
 */
public final class SandboxGatewayExtension implements LocalExtension {

    public static final String PREFIX = "/_sandbox";

    @Override
    public void register(LocalRuntime runtime) {
        SandboxGatewaySimulator simulator = SandboxGatewaySimulator.fromEnvironment(Clock.systemUTC());
        runtime.mount(PREFIX, request -> {
            Map<String, String> headers = new LinkedHashMap<>();
            request.headers().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name, values.getFirst());
                }
            });
            String path = request.path().substring(PREFIX.length());
            SandboxGatewaySimulator.Response answer = simulator.handle(request.method(), path, request.query(),
                    headers, request.bodyText());
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
            answer.headers().forEach((name, value) -> responseHeaders.put(name, List.of(value)));
            if (answer.contentType() != null) {
                responseHeaders.put("content-type", List.of(answer.contentType()));
            }
            return new LocalHttpResponse(answer.status(), responseHeaders,
                    answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8));
        });
    }
}
