package com.platform.billing.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the template's intrinsic functions to local values, for function environment variables and the JWT
 * authorizer's settings. What it knows:
 * <ul>
 *   <li>{@code Ref} of the ledger table → the local table name; {@code GetAtt} its {@code Arn} / {@code StreamArn};</li>
 *   <li>{@code Ref} of a parameter → a local override (the JWT issuer and audience) or the parameter's
 *       {@code Default};</li>
 *   <li>{@code Ref} of a function → its logical id (the local function name); {@code GetAtt} its {@code Arn};</li>
 *   <li>{@code Ref} of a Secrets Manager secret → its ARN in the local backend ({@link LocalSecrets});</li>
 *   <li>{@code Ref} of an HttpApi → {@code local}; a {@code Sub} of the API's execute-api URL → the runtime's base
 *       URL;</li>
 *   <li>pseudo parameters ({@code AWS::Region}, {@code AWS::AccountId}, {@code AWS::StackName},
 *       {@code AWS::Partition}, {@code AWS::URLSuffix});</li>
 *   <li>{@code Fn::Sub} (both forms) and {@code Fn::Join} over the above.</li>
 * </ul>
 * Anything else (a queue, a bus, a secret, conditions) has no local value: {@link #resolve} says why, and the caller
 * leaves that variable unset.
 */
final class Intrinsics {

    /** Values of the local stack that intrinsics resolve to. */
    record Locals(String region, String accountId, String stackName, String tableName, String tableArn,
                  String tableStreamArn, String baseUrl, Map<String, String> parameters,
                  Map<String, String> resourceRefs) {
    }

    /** A resolved value, or why there is none. */
    record Result(String value, String problem) {
        boolean resolved() {
            return value != null;
        }
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern EXECUTE_API = Pattern.compile(
            "https://\\$\\{([A-Za-z0-9]+)}\\.execute-api\\.\\$\\{AWS::Region}\\.\\$\\{AWS::URLSuffix}");

    private final JsonNode template;
    private final Locals locals;

    Intrinsics(JsonNode template, Locals locals) {
        this.template = template;
        this.locals = locals;
    }

    Result resolve(JsonNode value) {
        try {
            return new Result(text(value), null);
        } catch (Unresolvable e) {
            return new Result(null, e.getMessage());
        }
    }

    private String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            throw new Unresolvable("no value");
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isObject() && value.size() == 1) {
            String function = value.fieldNames().next();
            JsonNode argument = value.get(function);
            return switch (function) {
                case "Ref" -> ref(argument.asText());
                case "Fn::GetAtt" -> getAtt(argument.path(0).asText(), argument.path(1).asText());
                case "Fn::Sub" -> sub(argument);
                case "Fn::Join" -> join(argument);
                default -> throw new Unresolvable(function + " has no local value");
            };
        }
        throw new Unresolvable("a list or map has no local value");
    }

    private String ref(String name) {
        switch (name) {
            case "AWS::Region":
                return locals.region();
            case "AWS::AccountId":
                return locals.accountId();
            case "AWS::StackName":
                return locals.stackName();
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        if (locals.parameters().containsKey(name)) {
            return locals.parameters().get(name);
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            JsonNode fallback = parameter.get("Default");
            if (fallback == null || !fallback.isValueNode()) {
                throw new Unresolvable("parameter " + name + " has no Default and no local value");
            }
            return fallback.asText();
        }
        if (locals.resourceRefs().containsKey(name)) {
            return locals.resourceRefs().get(name);
        }
        String type = resourceType(name);
        return switch (type) {
            case "AWS::DynamoDB::Table" -> locals.tableName();
            case "AWS::Serverless::Function" -> name;
            case "AWS::Serverless::HttpApi" -> "local";
            default -> throw new Unresolvable("Ref " + name + " (" + type + ") has no local value");
        };
    }

    private String getAtt(String resource, String attribute) {
        String type = resourceType(resource);
        if (type.equals("AWS::DynamoDB::Table") && attribute.equals("Arn")) {
            return locals.tableArn();
        }
        if (type.equals("AWS::DynamoDB::Table") && attribute.equals("StreamArn") && locals.tableStreamArn() != null) {
            return locals.tableStreamArn();
        }
        if (type.equals("AWS::Serverless::Function") && attribute.equals("Arn")) {
            return "arn:aws:lambda:" + locals.region() + ":" + locals.accountId() + ":function:" + resource;
        }
        throw new Unresolvable("GetAtt " + resource + "." + attribute + " has no local value");
    }

    private String sub(JsonNode argument) {
        String pattern;
        Map<String, String> variables = new java.util.HashMap<>();
        if (argument.isArray()) {
            pattern = argument.path(0).asText();
            argument.path(1).properties().forEach(e -> variables.put(e.getKey(), text(e.getValue())));
        } else {
            pattern = argument.asText();
        }
        Matcher api = EXECUTE_API.matcher(pattern);
        StringBuilder withApi = new StringBuilder();
        while (api.find()) {
            if (!resourceType(api.group(1)).equals("AWS::Serverless::HttpApi")) {
                throw new Unresolvable("execute-api URL of " + api.group(1) + " has no local value");
            }
            api.appendReplacement(withApi, Matcher.quoteReplacement(locals.baseUrl()));
        }
        api.appendTail(withApi);
        Matcher matcher = SUB_VARIABLE.matcher(withApi);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                replacement = variables.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                replacement = getAtt(name.substring(0, dot), name.substring(dot + 1));
            } else {
                replacement = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String join(JsonNode argument) {
        String delimiter = argument.path(0).asText();
        List<String> parts = new ArrayList<>();
        argument.path(1).forEach(part -> parts.add(text(part)));
        return String.join(delimiter, parts);
    }

    private String resourceType(String logicalId) {
        JsonNode resource = template.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new Unresolvable(logicalId + " is not a resource or parameter of the template");
        }
        return resource.path("Type").asText();
    }

    private static final class Unresolvable extends RuntimeException {
        Unresolvable(String message) {
            super(message, null, false, false);
        }
    }
}
