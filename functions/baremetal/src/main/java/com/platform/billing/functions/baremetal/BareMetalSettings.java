package com.platform.billing.functions.baremetal;

import com.platform.billing.api.Env;
import com.platform.billing.domain.baremetal.TermDiscounts;
import com.platform.billing.domain.invoice.TaxMode;
import com.platform.billing.domain.invoice.TaxRule;
import com.platform.billing.domain.usage.CataloguePolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bare-metal functions' settings (template.yaml environment): {@code TAX_RATE_BASIS_POINTS} (1100, tax on top of
 * the term, as on usage invoices), {@code INVOICE_DUE_DAYS} (14: when an unpaid amount is due),
 * {@code BAREMETAL_TERM_DISCOUNTS} (e.g. {@code "6:500,12:1000"}: basis points off the monthly price per term length;
 * empty = none), {@code CATALOGUE_CACHE_SECONDS} (60; for SKU-priced charges) and {@code INTERNAL_CALLER_ACCOUNTS}
 * (comma-separated AWS account ids allowed on the /internal routes; empty = any principal IAM let through).
 */
record BareMetalSettings(TaxRule taxRule, Duration dueIn, TermDiscounts discounts, Duration catalogueTtl,
                         Set<String> internalCallerAccounts) {

    BareMetalSettings {
        CataloguePolicy.requireSafeTtl(catalogueTtl);
        internalCallerAccounts = Set.copyOf(internalCallerAccounts);
    }

    static BareMetalSettings fromEnvironment() {
        return new BareMetalSettings(
                new TaxRule(Env.getLong("TAX_RATE_BASIS_POINTS", TaxRule.DEFAULT_RATE_BASIS_POINTS), TaxMode.ADDED),
                Duration.ofDays(Env.getLong("INVOICE_DUE_DAYS", 14)),
                TermDiscounts.parse(Env.get("BAREMETAL_TERM_DISCOUNTS").orElse("")),
                Duration.ofSeconds(Env.getLong("CATALOGUE_CACHE_SECONDS",
                        CataloguePolicy.DEFAULT_CACHE_TTL.toSeconds())),
                Env.get("INTERNAL_CALLER_ACCOUNTS").map(BareMetalSettings::accounts).orElse(Set.of()));
    }

    static BareMetalSettings defaults() {
        return new BareMetalSettings(TaxRule.indonesianVat(), Duration.ofDays(14), TermDiscounts.none(),
                CataloguePolicy.DEFAULT_CACHE_TTL, Set.of());
    }

    BareMetalSettings withDiscounts(TermDiscounts discounts) {
        return new BareMetalSettings(taxRule, dueIn, discounts, catalogueTtl, internalCallerAccounts);
    }

    private static Set<String> accounts(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
