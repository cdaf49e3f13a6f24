package com.platform.billing.functions.invoicing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Json;
import com.platform.billing.api.JsonFields;
import com.platform.billing.domain.OrgId;
import java.time.YearMonth;
import java.util.Set;

/** The fan-out message, one per org: {@code {"orgId": "org-1", "period": "2026-11"}}. */
record IssueMessage(String orgId, YearMonth period) {

    static IssueMessage parse(String body) {
        ObjectNode json = Json.readObject(body);
        JsonFields.onlyKnown(json, Set.of("orgId", "period"));
        String orgId = JsonFields.requiredText(json, "orgId");
        OrgId.requireValid(orgId);
        return new IssueMessage(orgId, YearMonth.parse(JsonFields.requiredText(json, "period")));
    }

    String toJson() {
        ObjectNode json = Json.object();
        json.put("orgId", orgId);
        json.put("period", period.toString());
        return Json.write(json);
    }
}
