package com.platform.billing.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the runtime received it.
 *
 * @param method   upper-case method
 * @param rawPath  the path as sent, still percent-encoded
 * @param rawQuery the query string as sent, without {@code ?} ("" when absent)
 * @param headers  header names lower-cased, values in arrival order
 * @param body     the body bytes (empty when absent)
 * @param sourceIp the client's address
 */
public record LocalHttpRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                               byte[] body, String sourceIp) {

    public LocalHttpRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header (name case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Query parameters, percent-decoded; a repeated name keeps its first value. */
    public Map<String, String> query() {
        Map<String, String> params = new LinkedHashMap<>();
        QueryStrings.parse(rawQuery).forEach((name, values) -> params.put(name, values.getFirst()));
        return params;
    }

    /** The path with percent-escapes decoded ({@code +} stays a plus sign, as in a path). */
    public String path() {
        try {
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return rawPath;
        }
    }
}
