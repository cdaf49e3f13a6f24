package com.platform.billing.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, from the JWT claims API Gateway verified: {@code sub}, {@code orgs} (the org ids the caller belongs
 * to) and {@code roles}. Role {@code admin} is the platform's billing administrator (dashboard); it may act on any
 * org. Role {@code billing-admin} is an org member allowed to manage that org's payment settings.
 */
public record Caller(String subject, Set<String> orgs, Set<String> roles) {

    public static final String ADMIN = "admin";
    public static final String BILLING_ADMIN = "billing-admin";

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean isMemberOf(String orgId) {
        return orgs.contains(orgId);
    }

    /** Reads the caller from API Gateway's claims map; empty claims or no {@code sub} means unauthenticated. */
    public static Caller fromClaims(Map<String, String> claims) {
        if (claims == null || claims.get("sub") == null || claims.get("sub").isBlank()) {
            throw new UnauthenticatedException();
        }
        return new Caller(claims.get("sub"), Set.copyOf(parseList(claims.get("orgs"))),
                Set.copyOf(parseList(claims.get("roles"))));
    }

    /**
     * One parser for every form a list claim arrives in: API Gateway's bracketed, space-separated string
     * ({@code "[org-1 org-2]"}), a JSON array string ({@code "[\"org-1\",\"org-2\"]"}), or a single value.
     */
    public static List<String> parseList(String claim) {
        if (claim == null || claim.isBlank()) {
            return List.of();
        }
        String value = claim.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        Set<String> items = new LinkedHashSet<>();
        for (String token : value.split("[\\s,]+")) {
            String item = token.strip();
            if (item.length() >= 2 && item.startsWith("\"") && item.endsWith("\"")) {
                item = item.substring(1, item.length() - 1);
            }
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(items));
    }
}
