package com.platform.billing.simulation;

import com.platform.billing.devkit.AwsBackend;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The handlers' DynamoDB client in the simulation: the production client's settings (functions/dynamodb's
 * {@code DynamoDbClients}: URLConnection client, the same timeouts) with the fault injector, and the SDK's own default
 * retry strategy for DynamoDB — same attempts, same retry conditions, same retry quota — except that it retries
 * without sleeping: back-off delays only cost wall-clock time, and the simulation's time is its own clock.
 */
final class FaultyClients {

    private FaultyClients() {
    }

    static DynamoDbClient dynamoDb(AwsBackend backend, FaultInjector injector, ExecutionInterceptor counter) {
        return DynamoDbClient.builder()
                .region(AwsBackend.REGION)
                .credentialsProvider(AwsBackend.CREDENTIALS)
                .endpointOverride(backend.endpoint())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofSeconds(30))
                        .apiCallTimeout(Duration.ofSeconds(60))
                        .retryStrategy(productionStrategyWithoutDelays())
                        .executionInterceptors(List.of(counter, injector))
                        .build())
                .build();
    }

    /**
     * The strategy a production DynamoDB client resolves (read from a client built like production's, without
     * overrides), with immediate retries.
     */
    static RetryStrategy productionStrategyWithoutDelays() {
        RetryStrategy production;
        try (DynamoDbClient plain = DynamoDbClient.builder().region(AwsBackend.REGION)
                .credentialsProvider(AwsBackend.CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            production = plain.serviceClientConfiguration().overrideConfiguration().retryStrategy()
                    .orElseGet(() -> AwsRetryStrategy.forRetryMode(RetryMode.defaultRetryMode()));
        }
        return production.toBuilder()
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .build();
    }
}
