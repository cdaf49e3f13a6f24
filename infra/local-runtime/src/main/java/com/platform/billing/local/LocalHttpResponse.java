package com.platform.billing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.api.Json;
import com.platform.billing.api.Problems;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP response the runtime writes back. Header names are lower-cased; a name may carry several values (each is
 * written as its own header line, as {@code set-cookie} needs).
 */
public record LocalHttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public LocalHttpResponse {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    public static LocalHttpResponse of(int status, String contentType, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("content-type", List.of(contentType));
        }
        return new LocalHttpResponse(status, headers, body);
    }

    public static LocalHttpResponse text(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static LocalHttpResponse html(int status, String html) {
        return text(status, "text/html; charset=utf-8", html);
    }

    public static LocalHttpResponse json(int status, JsonNode body) {
        return text(status, "application/json", Json.write(body));
    }

    /** An RFC 9457 problem with the service's stable type ({@code urn:problem-type:billing:<code>}). */
    public static LocalHttpResponse problem(String code, String detail, String instance) {
        return text(Problems.statusOf(code), Problems.CONTENT_TYPE, Json.write(Problems.problem(code, detail,
                instance)));
    }

    public static LocalHttpResponse redirect(URI location) {
        return new LocalHttpResponse(303, Map.of("location", List.of(location.toString())), new byte[0]);
    }

    /** This response with one more header value. */
    public LocalHttpResponse withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(copy.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
        values.add(value);
        copy.put(name.toLowerCase(Locale.ROOT), values);
        return new LocalHttpResponse(status, copy, body);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
