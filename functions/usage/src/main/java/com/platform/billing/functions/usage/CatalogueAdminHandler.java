package com.platform.billing.functions.usage;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiHandler;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Authorization;
import com.platform.billing.api.Caller;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.HttpResponses;
import com.platform.billing.api.Json;
import com.platform.billing.api.JsonFields;
import com.platform.billing.api.Log;
import com.platform.billing.api.MalformedRequestException;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.usage.Catalogue;
import com.platform.billing.domain.usage.PriceCatalogue;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.UsageUnit;
import com.platform.billing.dynamodb.usage.DynamoCatalogueStore;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CatalogueAdminFunction (admin role): {@code GET /admin/catalogue/skus} lists every SKU with its price versions;
 * {@code PUT /admin/catalogue/skus/{sku}/prices {unitPriceMicros, effectiveFrom, category, unit}} sets the SKU's
 * price from a date (creating the SKU with its first price). The PUT is idempotent on (sku, effectiveFrom): 201 when
 * it created a price version, 200 when it replaced a not-yet-effective one or changed nothing.
 */
public final class CatalogueAdminHandler extends ApiHandler {

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final Dependencies dependencies;
    private final PriceCatalogue catalogue;

    /** Lambda's entry: dependencies from the environment, built once per container, primed for SnapStart. */
    public CatalogueAdminHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(dependencies, () -> CatalogueViews.catalogue(Catalogue.of(List.of(),
                dependencies.clock().instant()), dependencies.config().calendar().zone()));
    }

    CatalogueAdminHandler(Dependencies deps) {
        this.dependencies = deps;
        this.catalogue = new PriceCatalogue(new DynamoCatalogueStore(deps.dynamo(), deps.table(), deps.clock()),
                deps.config().calendar(), deps.clock());
        route("GET /admin/catalogue/skus", this::listSkus);
        route("PUT /admin/catalogue/skus/{sku}/prices", this::putPrice);
    }

    private APIGatewayV2HTTPResponse listSkus(ApiRequest request) {
        Authorization.admin(request);
        return HttpResponses.json(200, CatalogueViews.catalogue(catalogue.list(),
                dependencies.config().calendar().zone()));
    }

    private APIGatewayV2HTTPResponse putPrice(ApiRequest request) {
        Caller admin = Authorization.admin(request);
        String sku = request.pathParameter("sku");
        ObjectNode body = Json.readObject(request.body());
        JsonFields.onlyKnown(body, Set.of("unitPriceMicros", "effectiveFrom", "category", "unit"));
        long unitPriceMicros = wholeNumber(body, "unitPriceMicros");
        LocalDate effectiveFrom = date(JsonFields.requiredText(body, "effectiveFrom"));
        SkuCategory category = SkuCategory.fromWire(JsonFields.requiredText(body, "category"), "category");
        UsageUnit unit = UsageUnit.fromWire(JsonFields.requiredText(body, "unit"), "unit");
        PriceCatalogue.Result result = catalogue.setPrice(sku, category, unit, unitPriceMicros, effectiveFrom,
                admin.subject());
        if (result.change() != PriceCatalogue.Change.UNCHANGED) {
            ObjectNode line = Log.line("INFO", "catalogue price " + result.change().name().toLowerCase());
            line.put("sku", sku);
            line.put("unitPriceMicros", unitPriceMicros);
            line.put("effectiveFrom", effectiveFrom.toString());
            line.put("actor", admin.subject());
            Log.emit(line);
        }
        ObjectNode view = CatalogueViews.sku(result.sku(), dependencies.clock().instant(),
                dependencies.config().calendar().zone());
        view.put("change", result.change().name().toLowerCase());
        return HttpResponses.json(result.change() == PriceCatalogue.Change.CREATED ? 201 : 200, view);
    }

    /** A JSON integer (micro-units are already the finest unit: a fraction of one is refused, never rounded). */
    private static long wholeNumber(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(field, field + " is required.");
        }
        if (node.isFloatingPointNumber()) {
            throw new InvalidRequestException(field, field + " must be a whole number of micro-IDR (1/1,000,000 IDR)"
                    + " per unit.");
        }
        if (!node.isIntegralNumber()) {
            throw new MalformedRequestException(field + " must be a JSON number.");
        }
        if (!node.canConvertToLong()) {
            throw new InvalidRequestException(field, field + " is too large.");
        }
        return node.longValue();
    }

    private static LocalDate date(String text) {
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException invalid) {
            // answered below
        }
        throw new InvalidRequestException("effectiveFrom", "effectiveFrom must be a date, YYYY-MM-DD.");
    }
}
