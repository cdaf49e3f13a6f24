package com.platform.billing.api;

import com.platform.billing.dynamodb.DynamoDbClients;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every function needs, built once per container in the init phase (and so captured by a SnapStart
 * snapshot). Tests build one around their own client and table with {@link #of}.
 */
public record Dependencies(DynamoDbClient dynamo, String table, Clock clock, BillingConfig config) {

    public static Dependencies fromEnvironment() {
        Region region = Region.of(Env.get("AWS_REGION").orElse("ap-southeast-3"));
        // Lambda puts the role's credentials in the environment; the local runtime uses system properties.
        var credentials = AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create());
        URI endpoint = Env.get("AWS_ENDPOINT_URL_DYNAMODB").or(() -> Env.get("AWS_ENDPOINT_URL"))
                .map(URI::create).orElse(null);
        DynamoDbClient dynamo = DynamoDbClients.create(region, credentials, endpoint, List.of());
        return new Dependencies(dynamo, Env.require("TABLE_NAME"), Clock.systemUTC(), BillingConfig.fromEnvironment());
    }

    public static Dependencies of(DynamoDbClient dynamo, String table, Clock clock) {
        return new Dependencies(dynamo, table, clock, BillingConfig.defaults());
    }
}
