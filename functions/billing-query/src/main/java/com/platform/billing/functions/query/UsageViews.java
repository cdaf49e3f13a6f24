package com.platform.billing.functions.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.ApiRequest;
import com.platform.billing.api.Json;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.usage.Micros;
import com.platform.billing.domain.usage.SkuCategory;
import com.platform.billing.domain.usage.UsageBreakdown;
import com.platform.billing.domain.usage.UsageLine;
import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * The JSON of {@code GET /orgs/{orgId}/usage}. Quantities and unit prices are exact decimal strings (and their
 * micro-unit integers); every amount is given in micro-IDR and as whole IDR rounded half-up once from that sum.
 */
final class UsageViews {

    private static final Pattern PERIOD = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private UsageViews() {
    }

    /** {@code ?period=YYYY-MM}, or the current period when absent. */
    static YearMonth period(ApiRequest request, YearMonth current) {
        return request.queryParameter("period").map(text -> {
            if (!PERIOD.matcher(text).matches()) {
                throw new InvalidRequestException("period", "period must be a month, YYYY-MM.");
            }
            return YearMonth.parse(text);
        }).orElse(current);
    }

    static ObjectNode breakdown(UsageBreakdown breakdown, String currency) {
        ObjectNode view = Json.object();
        view.put("orgId", breakdown.orgId());
        view.put("period", breakdown.period().toString());
        view.put("currency", currency);
        ArrayNode lines = view.putArray("lines");
        for (UsageLine line : breakdown.lines()) {
            ObjectNode item = lines.addObject();
            item.put("sku", line.sku());
            item.put("category", line.category().wire());
            item.put("unit", line.unit().wire());
            item.put("quantity", Micros.format(line.quantityMicros()));
            item.put("quantityMicros", line.quantityMicros());
            item.put("unitPrice", Micros.format(line.unitPriceMicros()));
            item.put("unitPriceMicros", line.unitPriceMicros());
            item.put("priceEffectiveFrom", line.priceEffectiveFrom().toString());
            item.put("amountMicros", line.amountMicros());
            item.put("amount", Micros.toMoney(line.amountMicros(), currency).amount());
            item.put("usagePeriod", line.usagePeriod().toString());
            item.put("late", line.late());
            item.put("records", line.records());
        }
        ArrayNode categories = view.putArray("categories");
        for (SkuCategory category : SkuCategory.values()) {
            long micros = breakdown.totals().amountMicros(category);
            if (micros != 0) {
                categories.addObject().put("category", category.wire()).put("amountMicros", micros)
                        .put("amount", Micros.toMoney(micros, currency).amount())
                        .put("countsInOngoingUsage", category.countsInOngoingUsage());
            }
        }
        view.put("totalMicros", breakdown.totals().totalMicros());
        view.put("total", Micros.toMoney(breakdown.totals().totalMicros(), currency).amount());
        view.put("ongoingUsage", breakdown.totals().ongoingUsage(currency).amount());
        return view;
    }
}
