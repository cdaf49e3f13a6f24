package com.platform.billing.functions.invoicing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.platform.billing.api.Dependencies;
import com.platform.billing.api.Env;
import com.platform.billing.api.Invocation;
import com.platform.billing.api.Priming;
import com.platform.billing.domain.InvalidRequestException;
import com.platform.billing.domain.payment.PaymentGateway;
import com.platform.billing.gateway.PaymentGateways;
import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * InvoiceRunFunction: fired by the EventBridge Scheduler schedule at 00:00 on the 1st (Asia/Jakarta). The payload may
 * carry {@code "period": "yyyy-MM"} (re-firing a past period by hand) or a scheduled event's {@code "time"}; the run
 * bills the month before that time (default: now) in the platform calendar.
 */
public final class InvoiceRunHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final Dependencies dependencies;
    private final InvoiceRun run;

    public InvoiceRunHandler() {
        this(Dependencies.fromEnvironment(), InvoicingConfig.fromEnvironment(), null);
        Priming.register(dependencies, () -> periodOf(Map.of("period", "2026-11")));
    }

    InvoiceRunHandler(Dependencies dependencies, InvoicingConfig config, PaymentGateway gateway) {
        this.dependencies = dependencies;
        this.run = runFor(dependencies, config, gateway);
    }

    /** The queue when one is configured, else local mode (in-process issuing). */
    static InvoiceRun runFor(Dependencies dependencies, InvoicingConfig config, PaymentGateway gateway) {
        return config.issueQueueUrl()
                .map(url -> InvoiceRun.queued(dependencies.dynamo(), dependencies.table(), sqs(), url))
                .orElseGet(() -> InvoiceRun.inProcess(dependencies.dynamo(), dependencies.table(),
                        new IssueAndCharge(dependencies, config, gateway != null ? () -> gateway
                                : () -> PaymentGateways.fromEnvironment(dependencies.clock()))));
    }

    static SqsClient sqs() {
        var builder = SqsClient.builder().region(Region.of(Env.get("AWS_REGION").orElse("ap-southeast-3")))
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(Duration.ofSeconds(5))
                        .apiCallTimeout(Duration.ofSeconds(12)));
        Env.get("AWS_ENDPOINT_URL_SQS").or(() -> Env.get("AWS_ENDPOINT_URL")).map(URI::create)
                .ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Invocation.logged("InvoiceRunFunction", context, () -> {
            YearMonth period = periodOf(event == null ? Map.of() : event);
            return summaryView(run.run(period));
        }, (answer, line) -> answer.forEach((k, v) -> line.put(k, String.valueOf(v))));
    }

    private YearMonth periodOf(Map<String, Object> event) {
        Object period = event.get("period");
        if (period != null) {
            return parsePeriod(period.toString());
        }
        // A scheduled event's own "time" (EventBridge shape, or the local runtime's override) names the moment the
        // run is for; without it, now. Either way the run bills the month before.
        Object time = event.get("time");
        java.time.Instant at = dependencies.clock().instant();
        if (time != null) {
            try {
                at = java.time.OffsetDateTime.parse(time.toString()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException("time", "time must be an ISO-8601 date-time with an offset.");
            }
        }
        return dependencies.config().calendar().periodOf(at).minusMonths(1);
    }

    static YearMonth parsePeriod(String text) {
        if (!text.matches("[0-9]{4}-[0-9]{2}")) {
            throw new InvalidRequestException("period", "period must be yyyy-MM.");
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("period", "period must be yyyy-MM.");
        }
    }

    static Map<String, Object> summaryView(InvoiceRun.Summary summary) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("period", summary.period().toString());
        answer.put("mode", summary.mode());
        answer.put("orgs", summary.orgs());
        answer.put("dispatched", summary.dispatched());
        answer.put("issued", summary.issued());
        return answer;
    }
}
