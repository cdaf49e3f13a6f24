package com.platform.billing.bench.cold;

import com.fasterxml.jackson.databind.JsonNode;
import com.platform.billing.bench.Report;
import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.Template;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A function's environment variables as Lambda would set them, from template.yaml, with the template's references
 * given local values: the ledger table → this run's table; a Secrets Manager secret → a secret created on the local
 * backend (so the function's init reads it there, as it reads the real one when deployed); a template parameter → its
 * {@code Default}; a pseudo parameter → the local account and region. A reference with no local stand-in is left unset and said so once.
 * {@link #LOCAL_OVERRIDES} sets what a function needs locally instead (e.g. a gateway base URL pointing at a stub).
 *
 * <p>devkit's {@link Template} reads short-form intrinsics as plain scalars ({@code !Ref X} → {@code "X"},
 * {@code !GetAtt X.Arn} → {@code "X.Arn"}), so a value naming a template resource is taken as a reference to it.
 */
final class FunctionEnvironment implements AutoCloseable {

    /**
     * The sandbox payment gateway's HMAC key for this benchmark run. The template's gateway secret parameters
     * ({@code PaymentGatewaySecretArn}, {@code …SecretParameter}) default to empty, which is the local set-up: the
     * gateway adapter then reads {@code PG_SANDBOX_SECRET} from the environment (as the local runtime sets it).
     */
    static final String SANDBOX_SECRET = "bench-sandbox-" + UUID.randomUUID();

    /** Per function: variables set locally instead of the template's value. Add an entry when a function needs one. */
    static final Map<String, Map<String, String>> LOCAL_OVERRIDES = Map.of(
            // PAYMENT_GATEWAY defaults to sandbox; its key has no template value (no secret ARN or parameter set)
            "TopUpInquiryFunction", Map.of("PG_SANDBOX_SECRET", SANDBOX_SECRET),
            "PgCallbackFunction", Map.of("PG_SANDBOX_SECRET", SANDBOX_SECRET));

    /** The account the sample events' request contexts carry (and moto's default account). */
    static final String ACCOUNT_ID = "123456789012";

    private static final Pattern GET_ATT = Pattern.compile("([A-Za-z0-9]+)\\.([A-Za-z0-9.]+)");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Template template;
    private final AwsBackend backend;
    private final Report report;
    private record LocalSecret(String arn, String value) {
    }

    private final Map<String, LocalSecret> localSecrets = new LinkedHashMap<>();
    private final Set<String> noted = new HashSet<>();
    private SecretsManagerClient secrets;

    FunctionEnvironment(Template template, AwsBackend backend, Report report) {
        this.template = template;
        this.backend = backend;
        this.report = report;
    }

    /** The function's variables, its template references resolved for a run against {@code table}. */
    Map<String, String> variables(Template.Function function, String table) {
        Map<String, String> variables = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> {
            String resolved = resolve(function.logicalId(), name, value, table);
            if (resolved != null) {
                variables.put(name, resolved);
            }
        });
        variables.putAll(LOCAL_OVERRIDES.getOrDefault(function.logicalId(), Map.of()));
        return variables;
    }

    private String resolve(String functionId, String name, JsonNode value, String table) {
        if (!value.isValueNode()) {
            unresolved(functionId, name, "a long-form intrinsic");
            return null;
        }
        String text = value.asText();
        String pseudo = pseudoParameter(text);
        if (pseudo != null) {
            return pseudo;
        }
        JsonNode parameter = template.root().path("Parameters").path(text);
        if (!parameter.isMissingNode()) {
            JsonNode fallback = parameter.path("Default");
            return fallback.isValueNode() ? fallback.asText()
                    : unresolved(functionId, name, "parameter " + text + " without a Default");
        }
        JsonNode resources = template.root().path("Resources");
        if (resources.has(text)) {
            String type = resources.path(text).path("Type").asText();
            return switch (type) {
                case "AWS::DynamoDB::Table" -> table;
                case "AWS::SecretsManager::Secret" -> localSecret(text).arn();
                default -> unresolved(functionId, name, "Ref " + text + " (" + type + ")");
            };
        }
        Matcher getAtt = GET_ATT.matcher(text);
        if (getAtt.matches() && resources.has(getAtt.group(1))) {
            String type = resources.path(getAtt.group(1)).path("Type").asText();
            if (type.equals("AWS::DynamoDB::Table") && getAtt.group(2).equals("Arn")) {
                return "arn:aws:dynamodb:" + AwsBackend.REGION.id() + ":" + ACCOUNT_ID + ":table/" + table;
            }
            return unresolved(functionId, name, "GetAtt " + text);
        }
        return text;
    }

    private static String pseudoParameter(String name) {
        return switch (name) {
            case "AWS::AccountId" -> ACCOUNT_ID;
            case "AWS::Region" -> AwsBackend.REGION.id();
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::StackName" -> "billing-bench";
            default -> null;
        };
    }

    private String unresolved(String functionId, String name, String what) {
        if (noted.add(functionId + "/" + name)) {
            report.note(functionId + ": " + name + " (" + what + ") has no local value; left unset"
                    + " (set one in FunctionEnvironment.LOCAL_OVERRIDES)");
        }
        return null;
    }

    /** The value {@link #LOCAL_OVERRIDES} gives {@code name} for {@code functionId}, for fixtures that must agree. */
    String localOverride(String functionId, String name) {
        String value = LOCAL_OVERRIDES.getOrDefault(functionId, Map.of()).get(name);
        if (value == null) {
            throw new IllegalStateException("no local value of " + name + " for " + functionId);
        }
        return value;
    }

    /**
     * The value of the local stand-in for the template's secret {@code logicalId}, for fixtures that must agree with
     * the function (e.g. a voucher code hashed with the same pepper).
     */
    String secretValue(String logicalId) {
        return localSecret(logicalId).value();
    }

    /** A secret on the local backend standing in for the template's {@code logicalId}, created once per benchmark. */
    private LocalSecret localSecret(String logicalId) {
        return localSecrets.computeIfAbsent(logicalId, id -> {
            JsonNode properties = template.resource(id).path("Properties");
            JsonNode literal = properties.path("SecretString");
            String value = literal.isValueNode() ? literal.asText()
                    : random(properties.path("GenerateSecretString").path("PasswordLength").asInt(64));
            String name = "billing-bench-" + id + "-" + UUID.randomUUID().toString().substring(0, 8);
            return new LocalSecret(secrets().createSecret(r -> r.name(name).secretString(value)).arn(), value);
        });
    }

    private SecretsManagerClient secrets() {
        if (secrets == null) {
            secrets = SecretsManagerClient.builder()
                    .region(AwsBackend.REGION)
                    .credentialsProvider(AwsBackend.CREDENTIALS)
                    .endpointOverride(backend.endpoint())
                    .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                    .build();
        }
        return secrets;
    }

    private static String random(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return value.toString();
    }

    /** Deletes the secrets this run created (a persistent backend keeps nothing of the benchmark's). */
    @Override
    public void close() {
        if (secrets == null) {
            return;
        }
        for (LocalSecret secret : localSecrets.values()) {
            try {
                secrets.deleteSecret(r -> r.secretId(secret.arn()).forceDeleteWithoutRecovery(true));
            } catch (RuntimeException e) {
                report.note("could not delete the local secret " + secret.arn() + ": " + e.getMessage());
            }
        }
        secrets.close();
    }
}
