package com.platform.billing.bench.ddb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What an operation may cost, from the issues (e.g. a credit adjustment: exactly one TransactWriteItems and at most
 * one read). Every budget also forbids Scan: no endpoint may scan the table.
 */
public record Budget(List<Rule> rules) {

    /** One limit, with the words printed when it is broken. */
    public record Rule(String text, Predicate<Usage> holds) {
    }

    private static final Rule NO_SCAN = new Rule("Scan=0", u -> u.of("Scan") == 0);

    public static Budget of(Rule... rules) {
        return new Budget(Stream.concat(Stream.of(rules), Stream.of(NO_SCAN)).toList());
    }

    public static Rule exactly(String operation, long n) {
        return new Rule(operation + "=" + n, u -> u.of(operation) == n);
    }

    public static Rule atMost(String operation, long n) {
        return new Rule(operation + "<=" + n, u -> u.of(operation) <= n);
    }

    public static Rule atMostReads(long n) {
        return new Rule("reads<=" + n, u -> u.reads() <= n);
    }

    public static Rule atMostRequests(long n) {
        return new Rule("requests<=" + n, u -> u.total() <= n);
    }

    public static Rule atMostWrites(long n) {
        return new Rule("writes<=" + n, u -> u.writes() <= n);
    }

    /** Writes other than {@code operation} (e.g. the UpdateItem beside a top-up's TransactWriteItems). */
    public static Rule atMostWritesBesides(String operation, long n) {
        return new Rule("writes_besides_" + operation + "<=" + n, u -> u.writes() - u.of(operation) <= n);
    }

    public static Rule noWrites() {
        return new Rule("writes=0", u -> u.writes() == 0);
    }

    /** The rules {@code usage} breaks; empty when it is within budget. */
    public List<String> broken(Usage usage) {
        List<String> broken = new ArrayList<>();
        for (Rule rule : rules) {
            if (!rule.holds().test(usage)) {
                broken.add(rule.text());
            }
        }
        return broken;
    }

    public String text() {
        return String.join(",", rules.stream().map(Rule::text).toList());
    }
}
