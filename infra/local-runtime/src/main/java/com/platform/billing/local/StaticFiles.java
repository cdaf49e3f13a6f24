package com.platform.billing.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the files of a folder (infra/web: the billing page) for GET and HEAD; {@code /} and folders answer their
 * {@code index.html}. Nothing outside the folder is reachable (no {@code ..}, no symlinks out), and nothing is cached
 * (a local page must show the latest edit).
 */
final class StaticFiles {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("webmanifest", "application/manifest+json"));

    private final Path root;

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The file for a request path, if one exists inside the folder. */
    Optional<LocalHttpResponse> serve(LocalHttpRequest request) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        String path = request.path();
        if (path.contains("\0") || path.contains("\\")) {
            return Optional.empty();
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.empty();
            }
        }
        Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        try {
            if (!file.startsWith(root) || !Files.isRegularFile(file)
                    || !file.toRealPath().startsWith(root.toRealPath(LinkOption.NOFOLLOW_LINKS))) {
                return Optional.empty();
            }
            String name = file.getFileName().toString();
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1)
                    .toLowerCase(Locale.ROOT) : "";
            byte[] body = request.method().equals("HEAD") ? new byte[0] : Files.readAllBytes(file);
            return Optional.of(new LocalHttpResponse(200, Map.of(
                    "content-type", List.of(TYPES.getOrDefault(extension, "application/octet-stream")),
                    "cache-control", List.of("no-store"),
                    "x-content-type-options", List.of("nosniff")), body));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }
}
