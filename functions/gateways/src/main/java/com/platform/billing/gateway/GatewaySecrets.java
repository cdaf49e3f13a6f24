package com.platform.billing.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.platform.billing.api.Env;
import com.platform.billing.api.Json;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The gateway keys. Deployed: one JSON document {@code {"serverKey", "secretKey", "callbackToken", "sandboxSecret"}}
 * (only the configured gateway's keys are needed) in Secrets Manager ({@code PG_SECRET_ARN}) or an SSM SecureString
 * parameter ({@code PG_SECRET_PARAMETER}), read <b>once per container</b> in the init phase. Locally, and only when
 * neither is set: {@code PG_SERVER_KEY}, {@code PG_SECRET_KEY}, {@code PG_CALLBACK_TOKEN}, {@code PG_SANDBOX_SECRET}.
 *
 * <p>Values never appear in {@link #toString()}, logs or exception messages.
 *
 * @param serverKey     Midtrans server key (Basic auth user, and part of the notification signature)
 * @param secretKey     Xendit secret API key (Basic auth user)
 * @param callbackToken Xendit callback verification token ({@code x-callback-token})
 * @param sandboxSecret the sandbox gateway's HMAC key
 */
public record GatewaySecrets(String serverKey, String secretKey, String callbackToken, String sandboxSecret) {

    /** Documents already read in this JVM (the local runtime hosts several functions), by source. */
    private static final Map<String, GatewaySecrets> READ = new ConcurrentHashMap<>();

    public GatewaySecrets {
        serverKey = blankToNull(serverKey);
        secretKey = blankToNull(secretKey);
        callbackToken = blankToNull(callbackToken);
        sandboxSecret = blankToNull(sandboxSecret);
    }

    /** Checks that the keys {@code provider} needs are present; names the missing one, never a value. */
    public GatewaySecrets requireFor(String provider) {
        switch (provider) {
            case "midtrans" -> require(serverKey, "serverKey", "PG_SERVER_KEY");
            case "xendit" -> {
                require(secretKey, "secretKey", "PG_SECRET_KEY");
                require(callbackToken, "callbackToken", "PG_CALLBACK_TOKEN");
            }
            case "sandbox" -> require(sandboxSecret, "sandboxSecret", "PG_SANDBOX_SECRET");
            default -> throw new IllegalStateException("unknown payment gateway " + provider);
        }
        return this;
    }

    /** Reads the keys from where the environment says, once per container. */
    public static GatewaySecrets fromEnvironment() {
        String arn = Env.get("PG_SECRET_ARN").orElse(null);
        if (arn != null) {
            return READ.computeIfAbsent("secretsmanager:" + arn, k -> {
                try (SecretsManagerClient client = secretsManager()) {
                    return fromSecretsManager(client, arn);
                }
            });
        }
        String parameter = Env.get("PG_SECRET_PARAMETER").orElse(null);
        if (parameter != null) {
            return READ.computeIfAbsent("ssm:" + parameter, k -> {
                try (SsmClient client = ssm()) {
                    return fromParameterStore(client, parameter);
                }
            });
        }
        return new GatewaySecrets(Env.get("PG_SERVER_KEY").orElse(null), Env.get("PG_SECRET_KEY").orElse(null),
                Env.get("PG_CALLBACK_TOKEN").orElse(null), Env.get("PG_SANDBOX_SECRET").orElse(null));
    }

    public static GatewaySecrets fromSecretsManager(SecretsManagerClient client, String secretId) {
        String document = client.getSecretValue(r -> r.secretId(secretId)).secretString();
        if (document == null) {
            throw new IllegalStateException("the secret PG_SECRET_ARN has no SecretString (binary secrets are not"
                    + " supported)");
        }
        return fromJson(document, "PG_SECRET_ARN");
    }

    public static GatewaySecrets fromParameterStore(SsmClient client, String name) {
        String document = client.getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
        return fromJson(document, "PG_SECRET_PARAMETER");
    }

    /** Parses the secret document; {@code source} names the setting in errors (the content is never echoed). */
    public static GatewaySecrets fromJson(String document, String source) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the secret behind " + source + " is not a JSON object");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalStateException("the secret behind " + source + " is not a JSON object");
        }
        return new GatewaySecrets(field(object, "serverKey", source), field(object, "secretKey", source),
                field(object, "callbackToken", source), field(object, "sandboxSecret", source));
    }

    @Override
    public String toString() {
        return "GatewaySecrets[serverKey=" + mask(serverKey) + ", secretKey=" + mask(secretKey) + ", callbackToken="
                + mask(callbackToken) + ", sandboxSecret=" + mask(sandboxSecret) + "]";
    }

    private static String mask(String value) {
        return value == null ? "absent" : "***";
    }

    private static String field(ObjectNode object, String name, String source) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalStateException("the secret behind " + source + ": " + name + " must be a string");
        }
        return value.textValue();
    }

    private static void require(String value, String field, String localName) {
        if (value == null) {
            throw new IllegalStateException("missing payment gateway key " + field + " (in the PG_SECRET_ARN /"
                    + " PG_SECRET_PARAMETER document, or " + localName + " locally)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static SecretsManagerClient secretsManager() {
        var builder = SecretsManagerClient.builder()
                .region(region())
                .credentialsProvider(credentials())
                .httpClientBuilder(httpClient())
                .overrideConfiguration(timeouts());
        endpoint("AWS_ENDPOINT_URL_SECRETS_MANAGER").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static SsmClient ssm() {
        var builder = SsmClient.builder()
                .region(region())
                .credentialsProvider(credentials())
                .httpClientBuilder(httpClient())
                .overrideConfiguration(timeouts());
        endpoint("AWS_ENDPOINT_URL_SSM").ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static Region region() {
        return Region.of(Env.get("AWS_REGION").orElse("ap-southeast-3"));
    }

    /** As for DynamoDB: Lambda puts the role's credentials in the environment; the local runtime in properties. */
    private static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create());
    }

    private static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(5));
    }

    private static ClientOverrideConfiguration timeouts() {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(Duration.ofSeconds(5))
                .apiCallTimeout(Duration.ofSeconds(12))
                .build();
    }

    private static java.util.Optional<URI> endpoint(String serviceVariable) {
        return Env.get(serviceVariable).or(() -> Env.get("AWS_ENDPOINT_URL")).map(URI::create);
    }
}
