package com.platform.billing.bench.ddb;

/**
 * One measured operation: a line {@code ddb_requests op=<name> requests=<n> items_written=<n>} and its budget.
 * Adding one is a small class and one entry in {@link DdbBenchmarks#OPERATIONS}.
 */
public interface DdbOperation {

    /** The {@code op=} name, e.g. {@code credit_adjustment}. */
    String name();

    /** What the measured call may cost. */
    Budget budget();

    /**
     * Everything the measured call needs (accounts, entries, orders…), plus a warm-up call when the handler caches
     * something, so the measurement is the steady state of a warm container. Not counted.
     */
    void setUp(DdbContext bench);

    /** The one call that is counted: a real API Gateway event through the function's handler. */
    void measure(DdbContext bench);

    /**
     * Extra figures appended to the line after {@code calls=}, each {@code " key=value"} (e.g. a batch operation's
     * {@code records=10 requests_per_record=1.00}); empty by default.
     */
    default String details(Usage usage) {
        return "";
    }
}
