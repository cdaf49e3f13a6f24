package com.platform.billing.functions.invoicing;

import com.platform.billing.api.Log;
import com.platform.billing.domain.billingrun.IssueOutcome;
import com.platform.billing.dynamodb.IndexQueries;
import com.platform.billing.dynamodb.Items;
import com.platform.billing.dynamodb.Keys;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The monthly run's dispatcher: finds the orgs billable in a period through the GSI2 index
 * {@code BILLABLE#{period}#{0..15}} (16 Queries, paged; never a scan) and sends one message per org to the issuing
 * queue with SendMessageBatch (≤ 10 entries; failed entries are re-sent, bounded). Sending twice is harmless: issuing
 * is idempotent per (org, period).
 *
 * <p><b>Local mode</b>: with no queue URL configured (the local runtime leaves queue URLs it cannot resolve unset),
 * the dispatcher issues each org's invoice in-process, one after the other, with the same issuer the queue consumer
 * uses.
 */
final class InvoiceRun {

    private static final int BATCH = 10;
    private static final int SEND_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final SqsClient sqs;
    private final String queueUrl;
    private final IssueAndCharge localIssuer;

    /** Through the queue. */
    static InvoiceRun queued(DynamoDbClient dynamo, String table, SqsClient sqs, String queueUrl) {
        return new InvoiceRun(dynamo, table, sqs, queueUrl, null);
    }

    /** Local mode: issue in-process. */
    static InvoiceRun inProcess(DynamoDbClient dynamo, String table, IssueAndCharge issuer) {
        return new InvoiceRun(dynamo, table, null, null, issuer);
    }

    private InvoiceRun(DynamoDbClient dynamo, String table, SqsClient sqs, String queueUrl,
                       IssueAndCharge localIssuer) {
        this.dynamo = dynamo;
        this.table = table;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.localIssuer = localIssuer;
    }

    record Summary(YearMonth period, int orgs, int dispatched, int issued, String mode) {
    }

    Summary run(YearMonth period) {
        List<String> orgs = billableOrgs(period);
        if (localIssuer != null) {
            int issued = 0;
            for (String org : orgs) {
                IssueOutcome outcome = localIssuer.handle(new IssueMessage(org, period));
                issued += outcome.result() == IssueOutcome.Result.ISSUED ? 1 : 0;
            }
            Log.clear();
            return new Summary(period, orgs.size(), orgs.size(), issued, "in-process");
        }
        int sent = 0;
        for (int from = 0; from < orgs.size(); from += BATCH) {
            sent += send(orgs.subList(from, Math.min(orgs.size(), from + BATCH)), period);
        }
        return new Summary(period, orgs.size(), sent, 0, "queue");
    }

    /** U6: the orgs with invoiced usage in the period, from the 16 shards of GSI2. */
    List<String> billableOrgs(YearMonth period) {
        return IndexQueries.gsi2Shards(dynamo, table, Keys.BILLABLE_SHARDS, shard -> Keys.billableShardPk(period, shard))
                .stream().map(item -> Items.str(item, "orgId")).toList();
    }

    private int send(List<String> orgs, YearMonth period) {
        List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
        for (int i = 0; i < orgs.size(); i++) {
            pending.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(new IssueMessage(orgs.get(i), period).toJson()).build());
        }
        int sent = 0;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> batch = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(batch));
            sent += response.successful().size();
            List<String> failedIds = response.failed().stream().map(f -> f.id()).toList();
            pending = batch.stream().filter(e -> failedIds.contains(e.id())).toList();
            if (!pending.isEmpty() && attempt >= SEND_ATTEMPTS) {
                throw new IllegalStateException(pending.size() + " invoice messages could not be sent for "
                        + period);
            }
        }
        return sent;
    }
}
