package com.platform.billing.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The HttpApi routes of the template, matched the way API Gateway HTTP APIs select a route: the most specific path
 * wins (a literal segment over a {@code {param}}, a {@code {param}} over a greedy {@code {proxy+}}), then an exact
 * method over {@code ANY}; {@code $default} catches what nothing else matches.
 */
final class Routes {

    /** One route: its key as API Gateway writes it ({@code "GET /orgs/{orgId}/billing"}), function and auth. */
    record Route(String method, String path, String functionId, String auth) {
        String routeKey() {
            return path.equals("$default") ? "$default" : method + " " + path;
        }
    }

    /** What a request matched. */
    sealed interface Match permits Matched, MethodNotAllowed, NoRoute {
    }

    record Matched(Route route, Map<String, String> pathParameters) implements Match {
    }

    record MethodNotAllowed(List<String> allowed) implements Match {
    }

    record NoRoute() implements Match {
    }

    private static final int LITERAL = 0;
    private static final int PARAMETER = 1;
    private static final int GREEDY = 2;

    private record Compiled(Route route, String[] segments, int[] ranks) {
    }

    private final List<Compiled> routes = new ArrayList<>();
    private Route fallback;

    Routes(List<Route> routes) {
        for (Route route : routes) {
            if (route.path().equals("$default")) {
                fallback = route;
                continue;
            }
            String[] segments = split(route.path());
            int[] ranks = new int[segments.length];
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                ranks[i] = s.startsWith("{") && s.endsWith("+}") ? GREEDY
                        : s.startsWith("{") && s.endsWith("}") ? PARAMETER : LITERAL;
                if (ranks[i] == GREEDY && i != segments.length - 1) {
                    throw new IllegalArgumentException("a greedy path variable must be last: " + route.path());
                }
            }
            this.routes.add(new Compiled(route, segments, ranks));
        }
        // Most specific first: compare segment ranks left to right, then longer paths, then exact methods.
        this.routes.sort(Comparator.<Compiled, int[]>comparing(Compiled::ranks, Arrays::compare)
                .thenComparing(c -> -c.segments().length)
                .thenComparing(c -> c.route().method().equals("ANY") ? 1 : 0));
    }

    List<Route> all() {
        List<Route> all = new ArrayList<>(routes.stream().map(Compiled::route).toList());
        if (fallback != null) {
            all.add(fallback);
        }
        return all;
    }

    Match match(String method, String rawPath) {
        String[] request = split(rawPath);
        TreeSet<String> otherMethods = new TreeSet<>();
        for (Compiled candidate : routes) {
            Map<String, String> params = bind(candidate, request);
            if (params == null) {
                continue;
            }
            String routeMethod = candidate.route().method();
            if (routeMethod.equals(method) || routeMethod.equals("ANY")) {
                return new Matched(candidate.route(), params);
            }
            otherMethods.add(routeMethod);
        }
        if (fallback != null) {
            return new Matched(fallback, Map.of());
        }
        return otherMethods.isEmpty() ? new NoRoute() : new MethodNotAllowed(List.copyOf(otherMethods));
    }

    private static Map<String, String> bind(Compiled route, String[] request) {
        String[] segments = route.segments();
        boolean greedy = segments.length > 0 && route.ranks()[segments.length - 1] == GREEDY;
        if (greedy ? request.length < segments.length : request.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            switch (route.ranks()[i]) {
                case LITERAL -> {
                    if (!segment.equals(request[i])) {
                        return null;
                    }
                }
                case PARAMETER -> {
                    if (request[i].isEmpty()) {
                        return null;
                    }
                    params.put(segment.substring(1, segment.length() - 1), decode(request[i]));
                }
                default -> {
                    String rest = String.join("/", Arrays.copyOfRange(request, i, request.length));
                    if (rest.isEmpty()) {
                        return null;
                    }
                    params.put(segment.substring(1, segment.length() - 2), decode(rest));
                }
            }
        }
        return params;
    }

    /** "/a/b/" → ["a", "b", ""]: a trailing slash is an empty last segment, which only a greedy variable takes. */
    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return raw;
        }
    }
}
