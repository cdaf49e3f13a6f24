package com.platform.billing.functions.baremetal;

import com.platform.billing.api.Dependencies;
import com.platform.billing.domain.baremetal.BareMetalCharging;
import com.platform.billing.domain.billingrun.PostpaidCharging;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.usage.CachedCatalogue;
import com.platform.billing.dynamodb.baremetal.DynamoBareMetalStore;
import com.platform.billing.dynamodb.billingrun.DynamoCardChargeStore;
import com.platform.billing.dynamodb.usage.DynamoCatalogueStore;
import com.platform.billing.gateway.PaymentGateways;
import java.util.function.Supplier;

/**
 * The charging use case as both bare-metal functions build it. The payment gateway is created on first use (only a
 * postpaid org's term needs it), so a prepaid charge never waits for the gateway's secrets.
 */
final class BareMetalWiring {

    final DynamoBareMetalStore store;
    final BareMetalCharging charging;

    /** {@code gateway} null: the configured one ({@code PaymentGateways.fromEnvironment}). */
    BareMetalWiring(Dependencies deps, BareMetalSettings settings, PaymentGateway gateway) {
        this.store = new DynamoBareMetalStore(deps.dynamo(), deps.table(), deps.clock(), deps.config().calendar(),
                settings.taxRule(), settings.dueIn());
        CachedCatalogue catalogue = new CachedCatalogue(new DynamoCatalogueStore(deps.dynamo(), deps.table(),
                deps.clock()), deps.clock(), settings.catalogueTtl());
        Supplier<PostpaidCharging> cards = new Supplier<>() {
            private PostpaidCharging built;

            @Override
            public synchronized PostpaidCharging get() {
                if (built == null) {
                    built = new PostpaidCharging(new DynamoCardChargeStore(deps.dynamo(), deps.table(),
                            deps.config().calendar()),
                            gateway != null ? gateway : PaymentGateways.fromEnvironment(deps.clock()), deps.clock());
                }
                return built;
            }
        };
        this.charging = new BareMetalCharging(store, catalogue, cards, settings.discounts(), deps.config().calendar(),
                deps.config().currency(), deps.clock());
    }
}
