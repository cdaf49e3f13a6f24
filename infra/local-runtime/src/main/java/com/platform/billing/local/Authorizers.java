package com.platform.billing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API's authorizers, enforced before a function runs, as API Gateway does.
 * <ul>
 *   <li>JWT routes: the token from the authorizer's identity source (the {@code Authorization} header, with or
 *       without {@code Bearer}) must verify against the authorizer's issuer and audience (the template's values,
 *       with the {@code JwtIssuer}/{@code JwtAudience} parameters resolved to the local ones). Otherwise 401
 *       {@code {"message":"Unauthorized"}} with a {@code www-authenticate} header, and the function is not
 *       called.</li>
 *   <li>IAM routes: API Gateway wants a SigV4-signed request. Locally a request passes with either a SigV4
 *       {@code Authorization} header (its access key is taken, the signature is not checked) or the stand-in header
 *       {@code x-local-iam-role: <role name>}; otherwise 403 {@code {"message":"Forbidden"}}. The function gets an
 *       {@code iam} authorizer context shaped like API Gateway's.</li>
 *   <li>NONE routes (the payment gateway's webhook): no authorizer, no authorizer context.</li>
 * </ul>
 */
final class Authorizers {

    static final String IAM_ROLE_HEADER = "x-local-iam-role";

    /** The outcome: the {@code requestContext.authorizer} object (null for NONE), or the refusal to send. */
    record Decision(ObjectNode authorizer, LocalHttpResponse refusal) {
        boolean allowed() {
            return refusal == null;
        }
    }

    private record JwtConfig(String header, String issuer, List<String> audiences) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SIGV4 = Pattern.compile("AWS4-HMAC-SHA256\\s+Credential=([A-Za-z0-9]+)/");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");

    private final JsonNode template;
    private final Intrinsics intrinsics;
    private final LocalJwt jwt;
    private final Map<Routes.Route, JwtConfig> configs = new java.util.concurrent.ConcurrentHashMap<>();

    Authorizers(JsonNode template, Intrinsics intrinsics, LocalJwt jwt) {
        this.template = template;
        this.intrinsics = intrinsics;
        this.jwt = jwt;
    }

    Decision authorize(Routes.Route route, LocalHttpRequest request) {
        return switch (route.auth()) {
            case "NONE" -> new Decision(null, null);
            case "IAM" -> iam(request);
            default -> jwt(route, request);
        };
    }

    private Decision jwt(Routes.Route route, LocalHttpRequest request) {
        JwtConfig config = configs.computeIfAbsent(route, this::jwtConfig);
        String token = request.header(config.header()).map(String::strip).orElse("");
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.isEmpty()) {
            return unauthorized("Bearer");
        }
        LocalJwt.Verification verification = jwt.verify(token, config.issuer(), config.audiences());
        if (!verification.valid()) {
            return unauthorized("Bearer error=\"invalid_token\" error_description=\"" + verification.refusal()
                    + "\"");
        }
        ObjectNode authorizer = NODES.objectNode();
        ObjectNode jwtNode = authorizer.putObject("jwt");
        ObjectNode claims = jwtNode.putObject("claims");
        LocalJwt.apiGatewayClaims(verification.claims()).forEach(claims::put);
        List<String> scopes = LocalJwt.scopes(verification.claims());
        if (!scopes.isEmpty()) {
            scopes.forEach(jwtNode.putArray("scopes")::add);
        }
        return new Decision(authorizer, null);
    }

    private static Decision iam(LocalHttpRequest request) {
        String accessKey;
        String principal;
        String userArn;
        Matcher sigv4 = SIGV4.matcher(request.header("authorization").orElse(""));
        String role = request.header(IAM_ROLE_HEADER).map(String::strip).orElse("");
        if (sigv4.lookingAt()) {
            accessKey = sigv4.group(1);
            principal = accessKey;
            userArn = "arn:aws:iam::" + HttpApiEvents.ACCOUNT_ID + ":user/local";
        } else if (ROLE_NAME.matcher(role).matches()) {
            accessKey = "ASIALOCAL";
            principal = "AROALOCAL:" + role;
            userArn = "arn:aws:sts::" + HttpApiEvents.ACCOUNT_ID + ":assumed-role/" + role + "/local";
        } else {
            return new Decision(null, LocalHttpResponse.text(403, "application/json", "{\"message\":\"Forbidden\"}"));
        }
        ObjectNode authorizer = NODES.objectNode();
        ObjectNode iam = authorizer.putObject("iam");
        iam.put("accessKey", accessKey);
        iam.put("accountId", HttpApiEvents.ACCOUNT_ID);
        iam.put("callerId", principal);
        iam.putNull("cognitoIdentity");
        iam.putNull("principalOrgId");
        iam.put("userArn", userArn);
        iam.put("userId", principal);
        return new Decision(authorizer, null);
    }

    private static Decision unauthorized(String challenge) {
        return new Decision(null, LocalHttpResponse.text(401, "application/json", "{\"message\":\"Unauthorized\"}")
                .withHeader("www-authenticate", challenge));
    }

    /** The route's JWT authorizer: its own {@code Auth.Authorizer}, else its API's default; local values. */
    private JwtConfig jwtConfig(Routes.Route route) {
        JsonNode function = template.path("Resources").path(route.functionId()).path("Properties");
        String apiId = null;
        String authorizerName = null;
        for (Iterator<JsonNode> events = function.path("Events").elements(); events.hasNext(); ) {
            JsonNode properties = events.next().path("Properties");
            if (properties.path("Method").asText().equalsIgnoreCase(route.method())
                    && properties.path("Path").asText().equals(route.path())) {
                apiId = properties.path("ApiId").path("Ref").asText(null);
                authorizerName = properties.path("Auth").path("Authorizer").asText(null);
            }
        }
        JsonNode api = apiId == null ? firstHttpApi() : template.path("Resources").path(apiId);
        JsonNode auth = api.path("Properties").path("Auth");
        if (authorizerName == null) {
            authorizerName = auth.path("DefaultAuthorizer").asText("");
        }
        JsonNode authorizer = auth.path("Authorizers").path(authorizerName);
        String header = "authorization";
        String source = authorizer.path("IdentitySource").asText("$request.header.Authorization");
        if (source.startsWith("$request.header.")) {
            header = source.substring("$request.header.".length()).toLowerCase(Locale.ROOT);
        }
        JsonNode configuration = authorizer.path("JwtConfiguration");
        Intrinsics.Result issuer = intrinsics.resolve(configuration.path("issuer"));
        List<String> audiences = new ArrayList<>();
        JsonNode audience = configuration.path("audience");
        for (JsonNode one : audience.isArray() ? audience : NODES.arrayNode().add(audience)) {
            Intrinsics.Result value = intrinsics.resolve(one);
            if (value.resolved()) {
                audiences.add(value.value());
            }
        }
        return new JwtConfig(header, issuer.resolved() ? issuer.value() : LocalJwt.ISSUER,
                audiences.isEmpty() ? List.of(LocalJwt.AUDIENCE) : List.copyOf(audiences));
    }

    private JsonNode firstHttpApi() {
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::HttpApi")) {
                return resource.getValue();
            }
        }
        return NODES.missingNode();
    }
}
