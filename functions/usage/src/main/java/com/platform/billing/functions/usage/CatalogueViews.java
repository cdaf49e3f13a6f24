package com.platform.billing.functions.usage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.domain.usage.Catalogue;
import com.platform.billing.domain.usage.CatalogueSku;
import com.platform.billing.domain.usage.Micros;
import com.platform.billing.domain.usage.PriceVersion;
import com.platform.billing.dynamodb.Items;
import java.time.Instant;
import java.time.ZoneId;

/** JSON views of the catalogue. Prices in micro-IDR per unit, plus the same as an exact IDR decimal string. */
final class CatalogueViews {

    private CatalogueViews() {
    }

    static ObjectNode catalogue(Catalogue catalogue, ZoneId zone) {
        ObjectNode view = Json.object();
        ArrayNode items = view.putArray("items");
        catalogue.sorted().forEach(sku -> items.add(sku(sku, catalogue.loadedAt(), zone)));
        return view;
    }

    /** The SKU with all its versions, and {@code currentPrice}: the one in effect at {@code now} in {@code zone}. */
    static ObjectNode sku(CatalogueSku sku, Instant now, ZoneId zone) {
        ObjectNode view = Json.object();
        view.put("sku", sku.sku());
        view.put("category", sku.definition().category().wire());
        view.put("unit", sku.definition().unit().wire());
        var current = sku.priceAt(now, zone);
        if (current.isPresent()) {
            view.set("currentPrice", price(current.get()));
        } else {
            view.putNull("currentPrice");
        }
        ArrayNode prices = view.putArray("prices");
        sku.prices().forEach(p -> prices.add(price(p)));
        return view;
    }

    static ObjectNode price(PriceVersion price) {
        ObjectNode view = Json.object();
        view.put("unitPriceMicros", price.unitPriceMicros());
        view.put("unitPrice", Micros.format(price.unitPriceMicros()));
        view.put("effectiveFrom", price.effectiveFrom().toString());
        view.put("setBy", price.setBy());
        view.put("setAt", Items.formatTime(price.setAt()));
        return view;
    }
}
