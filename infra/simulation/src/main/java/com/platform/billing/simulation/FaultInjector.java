package com.platform.billing.simulation;

import java.util.SplittableRandom;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Faults at the SDK layer of the handlers' DynamoDB client, decided by the episode's seeded random so a seed replays
 * exactly. Per request attempt, while armed:
 * <ul>
 *   <li><b>throttle</b> / <b>server error</b> before the request is sent (nothing applied): the SDK's own retry
 *       strategy retries it, and a <b>storm</b> (every attempt of one invocation refused) exhausts that strategy, so
 *       the error reaches the handler;</li>
 *   <li><b>unknown outcome, retried by the SDK</b>: the request reaches the table and applies, then the answer is
 *       replaced by a 500 (DynamoDB documents that an InternalServerError may follow an applied write); the SDK sends
 *       the same request again;</li>
 *   <li><b>unknown outcome, lost</b>: the request applies, then the response is lost on the way back (a connection
 *       reset after the commit); the handler sees an exception and its caller retries the whole invocation.</li>
 * </ul>
 * Writes whose response was lost after they applied are counted ({@link #lostCommits()}): the simulator's ground truth
 * for what an unknown outcome did.
 */
final class FaultInjector implements ExecutionInterceptor {

    enum Fault { NONE, THROTTLE, SERVER_ERROR, APPLIED_THEN_500, APPLIED_THEN_LOST }

    private static final ExecutionAttribute<Fault> FAULT = new ExecutionAttribute<>("simulation.fault");

    private SplittableRandom random = new SplittableRandom(0);
    private boolean armed;
    private boolean storm;
    private double rate;
    private long faults;
    private int lostCommits;
    private int lostTransactions;
    private Runnable interleave;
    private String interleaveBefore;

    void reseed(SplittableRandom random) {
        this.random = random;
    }

    /** Faults on for the next invocation, each request attempt faulted with probability {@code rate}. */
    void arm(double rate, boolean storm) {
        this.armed = true;
        this.rate = rate;
        this.storm = storm;
    }

    /** A new attempt of the invocation begins: its lost writes are counted afresh. */
    void resetLost() {
        lostCommits = 0;
        lostTransactions = 0;
    }

    void disarm() {
        armed = false;
        storm = false;
    }

    /**
     * Runs {@code other} (another whole invocation) just before the next {@code operation} request of the current
     * invocation is sent: both have read, the other writes first. Deterministic interleaving, no threads.
     */
    void interleaveBefore(String operation, Runnable other) {
        this.interleaveBefore = operation;
        this.interleave = other;
    }

    boolean interleavePending() {
        return interleave != null;
    }

    void cancelInterleave() {
        interleave = null;
    }

    long faults() {
        return faults;
    }

    /** Writes of the current invocation that applied but whose response the caller never saw. */
    int lostCommits() {
        return lostCommits;
    }

    /** The TransactWriteItems among {@link #lostCommits()} (where every money movement happens). */
    int lostTransactions() {
        return lostTransactions;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (interleave != null && operation.equals(interleaveBefore)) {
            Runnable other = interleave;
            interleave = null;
            boolean wasArmed = armed;
            boolean wasStorm = storm;
            armed = false;
            int lost = lostCommits;
            int lostTx = lostTransactions;
            other.run();
            lostCommits = lost;
            lostTransactions = lostTx;
            armed = wasArmed;
            storm = wasStorm;
        }
        Fault fault = decide(context.request());
        attributes.putAttribute(FAULT, fault);
        if (fault == Fault.THROTTLE) {
            faults++;
            throw ProvisionedThroughputExceededException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb")
                            .errorCode("ProvisionedThroughputExceededException")
                            .errorMessage("simulated throttling").build())
                    .message("simulated throttling").build();
        }
        if (fault == Fault.SERVER_ERROR) {
            faults++;
            throw serverError("simulated 500 before the request was sent");
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(FAULT) == Fault.APPLIED_THEN_500) {
            faults++;
            attributes.putAttribute(FAULT, Fault.NONE);
            if (isWrite(context.request()) && context.httpResponse().isSuccessful()) {
                countLost(context.request());
            }
            throw serverError("simulated 500 after the request applied");
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (attributes.getAttribute(FAULT) == Fault.APPLIED_THEN_LOST) {
            faults++;
            if (isWrite(context.request())) {
                countLost(context.request());
            }
            throw SdkClientException.create("simulated connection reset: the response was lost after the request"
                    + " applied", new java.io.IOException("connection reset"));
        }
    }

    private void countLost(SdkRequest request) {
        lostCommits++;
        if (request instanceof TransactWriteItemsRequest) {
            lostTransactions++;
        }
    }

    private Fault decide(SdkRequest request) {
        if (!armed) {
            return Fault.NONE;
        }
        if (storm) {
            return Fault.THROTTLE;
        }
        if (random.nextDouble() >= rate) {
            return Fault.NONE;
        }
        int kind = random.nextInt(4);
        return switch (kind) {
            case 0 -> Fault.THROTTLE;
            case 1 -> Fault.SERVER_ERROR;
            case 2 -> Fault.APPLIED_THEN_500;
            default -> Fault.APPLIED_THEN_LOST;
        };
    }

    private static DynamoDbException serverError(String message) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(500)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("DynamoDb").errorCode("InternalServerError")
                        .errorMessage(message).build())
                .message(message).build();
    }

    private static boolean isWrite(SdkRequest request) {
        return request instanceof TransactWriteItemsRequest || request instanceof PutItemRequest
                || request instanceof UpdateItemRequest || request instanceof DeleteItemRequest
                || request instanceof BatchWriteItemRequest;
    }
}
