package com.platform.billing.functions.vouchers;

import com.platform.billing.api.Env;
import com.platform.billing.domain.voucher.AttemptPolicy;
import com.platform.billing.domain.voucher.VoucherCodeHasher;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The voucher functions' configuration, read once per container (in the init phase, so SnapStart snapshots it):
 * <ul>
 *   <li>the code pepper: {@code VOUCHER_CODE_PEPPER} (the pepper itself; local runs and tests set it, and it wins
 *       when set) or else {@code VOUCHER_PEPPER_SECRET_ARN} (a Secrets Manager secret whose SecretString is the
 *       pepper; what the deployed stack sets). At least 32 bytes. Without either the function does not start.</li>
 *   <li>{@code VOUCHER_MAX_FAILED_ATTEMPTS} (default 10) per {@code VOUCHER_FAILED_ATTEMPTS_WINDOW_SECONDS}
 *       (default 900), per org and per caller;</li>
 *   <li>{@code MAX_VOUCHER_AMOUNT}: the largest amount one voucher may carry (default IDR 100,000,000).</li>
 * </ul>
 */
public record VoucherSettings(VoucherCodeHasher hasher, AttemptPolicy policy, long maxAmount) {

    public static final long DEFAULT_MAX_AMOUNT = 100_000_000L;

    public static VoucherSettings fromEnvironment() {
        String pepper = Env.get("VOUCHER_CODE_PEPPER")
                .or(() -> Env.get("VOUCHER_PEPPER_SECRET_ARN").map(VoucherSettings::readSecret))
                .orElseThrow(() -> new IllegalStateException(
                        "missing configuration VOUCHER_PEPPER_SECRET_ARN (or VOUCHER_CODE_PEPPER for local runs)"));
        AttemptPolicy policy = new AttemptPolicy(
                Math.toIntExact(Env.getLong("VOUCHER_MAX_FAILED_ATTEMPTS", AttemptPolicy.DEFAULT.maxFailures())),
                Duration.ofSeconds(Env.getLong("VOUCHER_FAILED_ATTEMPTS_WINDOW_SECONDS",
                        AttemptPolicy.DEFAULT.window().toSeconds())));
        return new VoucherSettings(VoucherCodeHasher.ofPepper(pepper), policy,
                Env.getLong("MAX_VOUCHER_AMOUNT", DEFAULT_MAX_AMOUNT));
    }

    /** Test and local-runtime settings with a given pepper and the default limits. */
    public static VoucherSettings of(String pepper) {
        return new VoucherSettings(VoucherCodeHasher.ofPepper(pepper), AttemptPolicy.DEFAULT, DEFAULT_MAX_AMOUNT);
    }

    private static String readSecret(String secretArn) {
        var credentials = AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create());
        var builder = SecretsManagerClient.builder()
                .region(Region.of(Env.get("AWS_REGION").orElse("ap-southeast-3")))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(10)).build());
        Env.get("AWS_ENDPOINT_URL_SECRETSMANAGER").or(() -> Env.get("AWS_ENDPOINT_URL"))
                .map(URI::create).ifPresent(builder::endpointOverride);
        try (SecretsManagerClient secrets = builder.build()) {
            String value = secrets.getSecretValue(r -> r.secretId(secretArn)).secretString();
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("the voucher pepper secret has no SecretString");
            }
            return value;
        }
    }
}
