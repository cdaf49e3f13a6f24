package com.platform.billing.functions.events;

import com.platform.billing.api.Env;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The one EventBridge client a container uses, built like the DynamoDB one (DynamoDbClients): URLConnection HTTP
 * client, explicit region and credentials (no default-chain probing at cold start), explicit timeouts. The SDK's own
 * retries cover a throttled or failed call; entries EventBridge refuses inside a successful call are retried by
 * {@link EventBusPublisher}.
 */
final class EventBridgeClients {

    private EventBridgeClients() {
    }

    static EventBridgeClient fromEnvironment() {
        Region region = Region.of(Env.get("AWS_REGION").orElse("ap-southeast-3"));
        var credentials = AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create());
        URI endpoint = Env.get("AWS_ENDPOINT_URL_EVENTBRIDGE").or(() -> Env.get("AWS_ENDPOINT_URL"))
                .map(URI::create).orElse(null);
        return create(region, credentials, endpoint);
    }

    /** @param endpoint an endpoint override (moto, LocalStack), or null for the region's real endpoint */
    static EventBridgeClient create(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        var builder = EventBridgeClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofSeconds(5))
                        .apiCallTimeout(Duration.ofSeconds(12))
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
