package com.platform.billing.bench.probe;

import com.platform.billing.dynamodb.DynamoDbClients;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start baseline: a fresh JVM on the same function jar that only builds the same DynamoDB client the
 * functions build (the production factory: URLConnection HTTP client, explicit region, the same credentials chain
 * as {@code Dependencies.fromEnvironment}) and makes one GetItem. What no function can start faster than.
 * Prints {@code #probe done status=200 init_ms=<client built> priming_ms=0 invoke_ms=<GetItem>}.
 */
public final class BaselineProbe {

    private BaselineProbe() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        DynamoDbClient dynamo = DynamoDbClients.create(Region.of(System.getenv("AWS_REGION")),
                AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()),
                URI.create(System.getenv("AWS_ENDPOINT_URL")), List.of());
        long built = System.nanoTime();
        dynamo.getItem(r -> r.tableName(System.getenv("TABLE_NAME")).key(Map.of(
                "PK", AttributeValue.fromS("PRIMING"), "SK", AttributeValue.fromS("PRIMING"))));
        long answered = System.nanoTime();
        System.out.println("#probe done status=200 init_ms=" + ColdStartProbe.millis(built - started)
                + " priming_ms=0 invoke_ms=" + ColdStartProbe.millis(answered - built));
        System.out.flush();
        System.exit(0);
    }
}
