package com.platform.billing.devkit;

import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh ledger table for one test class: its name, the backend endpoint, and a client whose requests are counted.
 */
public record LedgerTable(String name, URI endpoint, DynamoDbClient dynamo, RequestCounter counter,
                          AwsBackend backend) {
}
