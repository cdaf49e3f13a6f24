package com.platform.billing.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code GET /openapi.yaml}: the public API's OpenAPI 3.1 document (docs/openapi.yaml beside the template), read at
 * each request so an edited spec is served without a restart. 404 when the checkout has no docs/openapi.yaml.
 */
final class OpenApiDocument implements LocalHttpHandler {

    static final String PATH = "/openapi.yaml";

    private final Path file;

    OpenApiDocument(Path template) {
        Path dir = template.toAbsolutePath().getParent();
        this.file = dir.resolve("docs").resolve("openapi.yaml");
    }

    @Override
    public LocalHttpResponse handle(LocalHttpRequest request) throws Exception {
        if (!List.of("GET", "HEAD").contains(request.method())) {
            return LocalHttpResponse.problem("method-not-allowed", PATH + " accepts GET.", PATH)
                    .withHeader("allow", "GET, HEAD");
        }
        if (!request.rawPath().equals(PATH) || !Files.isRegularFile(file)) {
            return LocalHttpResponse.problem("not-found", "No OpenAPI document here.", request.rawPath());
        }
        return LocalHttpResponse.of(200, "application/yaml; charset=utf-8", Files.readAllBytes(file));
    }
}
