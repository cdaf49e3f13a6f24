package com.platform.billing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.platform.billing.devkit.AwsBackend;
import com.platform.billing.devkit.LedgerTable;
import com.platform.billing.devkit.WithLedgerTable;
import com.platform.billing.domain.payment.GatewayNotification;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.domain.payment.PaymentStatus;
import com.platform.billing.gateway.midtrans.MidtransGateway;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** The deployed key sources, against the AWS emulator the harness runs (moto): Secrets Manager and SSM. */
@WithLedgerTable
class GatewaySecretsIT {

    private static final List<String> KEYS = List.of("PAYMENT_GATEWAY", "PG_SECRET_ARN", "PG_SECRET_PARAMETER",
            "AWS_ENDPOINT_URL", "AWS_REGION", "aws.accessKeyId", "aws.secretAccessKey", "PG_SERVER_KEY");

    private final LedgerTable table;
    private final SecretsManagerClient secretsManager;
    private final SsmClient ssm;

    GatewaySecretsIT(LedgerTable table) {
        this.table = table;
        this.secretsManager = SecretsManagerClient.builder().region(AwsBackend.REGION)
                .credentialsProvider(AwsBackend.CREDENTIALS).endpointOverride(table.backend().endpoint())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.ssm = SsmClient.builder().region(AwsBackend.REGION).credentialsProvider(AwsBackend.CREDENTIALS)
                .endpointOverride(table.backend().endpoint()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterEach
    void clear() {
        KEYS.forEach(System::clearProperty);
    }

    private static String sha512(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fromSecretsManager_readsTheSecretDocument() {
        String arn = secretsManager.createSecret(r -> r.name("billing/pg-" + UUID.randomUUID())
                .secretString("{\"serverKey\":\"SB-Mid-server-fromsm\",\"callbackToken\":\"cb\"}")).arn();
        GatewaySecrets secrets = GatewaySecrets.fromSecretsManager(secretsManager, arn);
        assertEquals("SB-Mid-server-fromsm", secrets.serverKey());
        assertEquals("cb", secrets.callbackToken());
    }

    @Test
    void fromParameterStore_readsTheSecureStringDocument() {
        String name = "/billing/pg-" + UUID.randomUUID();
        ssm.putParameter(r -> r.name(name).type(ParameterType.SECURE_STRING)
                .value("{\"secretKey\":\"xnd_development_fromssm\",\"callbackToken\":\"cb-ssm\"}"));
        GatewaySecrets secrets = GatewaySecrets.fromParameterStore(ssm, name);
        assertEquals("xnd_development_fromssm", secrets.secretKey());
        assertEquals("cb-ssm", secrets.callbackToken());
    }

    @Test
    void fromEnvironment_withASecretArn_readsItOnceAndTheGatewayUsesItsKey() throws Exception {
        String arn = secretsManager.createSecret(r -> r.name("billing/pg-" + UUID.randomUUID())
                .secretString("{\"serverKey\":\"SB-Mid-server-deployed\"}")).arn();
        System.setProperty("PAYMENT_GATEWAY", "midtrans");
        System.setProperty("PG_SECRET_ARN", arn);
        System.setProperty("PG_SERVER_KEY", "SB-Mid-server-local-must-be-ignored");
        System.setProperty("AWS_ENDPOINT_URL", table.backend().endpoint().toString());
        System.setProperty("AWS_REGION", AwsBackend.REGION.id());
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");

        PaymentGateway gateway = PaymentGateways.fromEnvironment();
        assertInstanceOf(MidtransGateway.class, gateway);
        String body = "{\"order_id\":\"ord-1\",\"status_code\":\"200\",\"gross_amount\":\"50000.00\","
                + "\"transaction_status\":\"settlement\",\"signature_key\":\""
                + sha512("ord-1" + "200" + "50000.00" + "SB-Mid-server-deployed") + "\"}";
        GatewayNotification notification = gateway.authenticateNotification(Map.of(), body);
        assertEquals(PaymentStatus.PAID, notification.status());

        // Once per container: a later change of the secret is not read again by this JVM.
        secretsManager.putSecretValue(r -> r.secretId(arn).secretString("{\"serverKey\":\"SB-Mid-server-rotated\"}"));
        assertEquals("SB-Mid-server-deployed", GatewaySecrets.fromEnvironment().serverKey());
    }
}
