package com.platform.billing.devkit;

import java.net.URI;

/**
 * LocalStack through Testcontainers, for machines with Docker. Kept in its own class so that Testcontainers (an
 * optional dependency) is only loaded when this path is taken.
 */
final class LocalStackBackend {

    private static final String IMAGE = System.getProperty("billing.localstack.image", "localstack/localstack:4.9");

    private LocalStackBackend() {
    }

    static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    static AwsBackend start() {
        if (!dockerAvailable()) {
            throw new AwsBackend.DockerUnavailableException("LocalStack needs a Docker engine, and none is reachable");
        }
        var container = new org.testcontainers.localstack.LocalStackContainer(
                org.testcontainers.utility.DockerImageName.parse(IMAGE))
                .withServices("dynamodb", "events", "sqs", "secretsmanager", "scheduler");
        container.start();
        return AwsBackend.of(URI.create(container.getEndpoint().toString()), "LocalStack " + IMAGE, container::stop);
    }
}
