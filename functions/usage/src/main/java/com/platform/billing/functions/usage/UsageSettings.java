package com.platform.billing.functions.usage;

import com.platform.billing.api.Env;
import com.platform.billing.domain.usage.CataloguePolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The usage function's own settings (template.yaml environment):
 * {@code CATALOGUE_CACHE_SECONDS} (default 60; must stay below the price lead time minus the allowed clock skew) and
 * {@code INTERNAL_CALLER_ACCOUNTS} (comma-separated AWS account ids allowed on /internal routes; empty = any
 * principal API Gateway's IAM authorization let through).
 */
record UsageSettings(Duration catalogueTtl, Set<String> internalCallerAccounts) {

    UsageSettings {
        CataloguePolicy.requireSafeTtl(catalogueTtl);
        internalCallerAccounts = Set.copyOf(internalCallerAccounts);
    }

    static UsageSettings fromEnvironment() {
        return new UsageSettings(Duration.ofSeconds(Env.getLong("CATALOGUE_CACHE_SECONDS",
                CataloguePolicy.DEFAULT_CACHE_TTL.toSeconds())),
                Env.get("INTERNAL_CALLER_ACCOUNTS").map(UsageSettings::accounts).orElse(Set.of()));
    }

    static UsageSettings defaults() {
        return new UsageSettings(CataloguePolicy.DEFAULT_CACHE_TTL, Set.of());
    }

    private static Set<String> accounts(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
