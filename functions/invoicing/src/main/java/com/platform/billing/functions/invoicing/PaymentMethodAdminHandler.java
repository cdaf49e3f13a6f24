package com.platform.billing.functions.invoicing;

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
import com.platform.billing.api.Priming;
import com.platform.billing.domain.AccountNotFoundException;
import com.platform.billing.domain.billingrun.CardNumberRefusedException;
import com.platform.billing.domain.billingrun.CardNumbers;
import com.platform.billing.domain.billingrun.SavedCard;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import com.platform.billing.dynamodb.billingrun.PaymentMethodItems;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * PaymentMethodAdminFunction: {@code PUT /admin/orgs/{orgId}/payment-method} (admin role) stores the postpaid org's
 * saved card: {@code {provider, cardToken, brand, maskedNumber, expiryMonth, expiryYear}}. A card number is never
 * accepted: any field (known or not) that holds something shaped like a PAN is refused with 422
 * {@code card-number-refused} before anything else, and the value is never logged or echoed.
 */
public final class PaymentMethodAdminHandler extends ApiHandler {

    private static final Set<String> FIELDS = Set.of("provider", "cardToken", "brand", "maskedNumber", "expiryMonth",
            "expiryYear");

    private final Dependencies dependencies;

    public PaymentMethodAdminHandler() {
        this(Dependencies.fromEnvironment());
        Priming.register(dependencies, () -> CardNumbers.containsCardNumber("4111 1111 1111 1111"));
    }

    PaymentMethodAdminHandler(Dependencies dependencies) {
        this.dependencies = dependencies;
        route("PUT /admin/orgs/{orgId}/payment-method", this::putPaymentMethod);
    }

    private APIGatewayV2HTTPResponse putPaymentMethod(ApiRequest request) {
        String orgId = Authorization.orgForAdmin(request);
        Caller admin = request.caller();
        ObjectNode body = Json.readObject(request.body());
        refuseCardNumbers(body);
        JsonFields.onlyKnown(body, FIELDS);
        SavedCard card = SavedCard.validate(orgId, JsonFields.requiredText(body, "provider"),
                JsonFields.requiredText(body, "cardToken"), JsonFields.requiredText(body, "brand"),
                JsonFields.requiredText(body, "maskedNumber"), JsonFields.requiredAmount(body, "expiryMonth"),
                JsonFields.requiredAmount(body, "expiryYear"), admin.subject(), dependencies.clock().instant());
        String table = dependencies.table();
        try {
            dependencies.dynamo().transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                            .key(Items.key(Keys.orgPk(orgId), Keys.accountSk()))
                            .conditionExpression("attribute_exists(PK)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(PaymentMethodItems.toItem(card)).build()).build()));
        } catch (TransactionCanceledException noAccount) {
            if (noAccount.cancellationReasons() != null && !noAccount.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(noAccount.cancellationReasons().get(0).code())) {
                throw new AccountNotFoundException();
            }
            throw noAccount;
        }
        ObjectNode line = Log.line("INFO", "payment method saved");
        line.put("orgId", orgId);
        line.put("provider", card.provider());
        line.put("brand", card.brand());
        line.put("actor", admin.subject());
        Log.emit(line);
        return HttpResponses.json(200, view(card));
    }

    /** Every string or number anywhere in the body; a PAN-shaped value is refused before any other check. */
    private static void refuseCardNumbers(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (CardNumbers.containsCardNumber(field.getValue().isValueNode() ? field.getValue().asText()
                        : null)) {
                    throw new CardNumberRefusedException(field.getKey());
                }
                refuseCardNumbers(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (CardNumbers.containsCardNumber(element.isValueNode() ? element.asText() : null)) {
                    throw new CardNumberRefusedException("body");
                }
                refuseCardNumbers(element);
            }
        }
    }

    static ObjectNode view(SavedCard card) {
        ObjectNode view = Json.object();
        view.put("orgId", card.orgId());
        view.put("provider", card.provider());
        view.put("brand", card.brand());
        view.put("maskedNumber", card.maskedNumber());
        view.put("expiryMonth", card.expiryMonth());
        view.put("expiryYear", card.expiryYear());
        view.put("setBy", card.setBy());
        view.put("setAt", Items.formatTime(card.setAt()));
        return view;
    }

}
