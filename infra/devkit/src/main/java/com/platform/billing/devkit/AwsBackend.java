package com.platform.billing.devkit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The AWS API endpoint local runs and tests talk to. Chosen in this order:
 * <ol>
 *   <li>{@code AWS_ENDPOINT_URL} (environment or system property): an emulator someone already runs;</li>
 *   <li>{@code billing.backend=localstack} (system property): LocalStack through Testcontainers — needs Docker;</li>
 *   <li>a {@code moto_server} started here on a free port;</li>
 *   <li>LocalStack through Testcontainers, when Docker is available;</li>
 *   <li>otherwise a failure that says how to get one.</li>
 * </ol>
 */
public final class AwsBackend implements AutoCloseable {

    public static final Region REGION = Region.of(System.getProperty("billing.region", "ap-southeast-3"));
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private final URI endpoint;
    private final String description;
    private final AutoCloseable owned;

    private AwsBackend(URI endpoint, String description, AutoCloseable owned) {
        this.endpoint = endpoint;
        this.description = description;
        this.owned = owned;
    }

    /** Thrown when the LocalStack backend was asked for but Docker is absent, so tests can skip rather than fail. */
    public static final class DockerUnavailableException extends RuntimeException {
        DockerUnavailableException(String message) {
            super(message);
        }
    }

    public static AwsBackend start(Path motoLog) {
        String configured = Optional.ofNullable(System.getProperty("AWS_ENDPOINT_URL"))
                .orElse(System.getenv("AWS_ENDPOINT_URL"));
        if (configured != null && !configured.isBlank()) {
            return new AwsBackend(URI.create(configured), "endpoint " + configured, null);
        }
        if ("localstack".equals(System.getProperty("billing.backend"))) {
            return LocalStackBackend.start();
        }
        Optional<Path> moto = MotoServer.findExecutable();
        if (moto.isPresent()) {
            try {
                MotoServer server = MotoServer.start(moto.get(), 0, motoLog);
                return new AwsBackend(server.endpoint(), "moto_server " + server.endpoint(), server);
            } catch (IOException e) {
                throw new IllegalStateException("could not start moto_server at " + moto.get(), e);
            }
        }
        if (LocalStackBackend.dockerAvailable()) {
            return LocalStackBackend.start();
        }
        throw new IllegalStateException("No AWS emulator: set AWS_ENDPOINT_URL, or run infra/scripts/ensure-tools.sh"
                + " (installs moto into .venv), or start Docker for LocalStack.");
    }

    static AwsBackend of(URI endpoint, String description, AutoCloseable owned) {
        return new AwsBackend(endpoint, description, owned);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String description() {
        return description;
    }

    public DynamoDbClient dynamoDb(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .endpointOverride(endpoint)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                // best effort at shutdown
            }
        }
    }
}
