package com.platform.billing.bench;

/** Something the benchmark needs is missing (a jar, the emulator…); the message says how to fix it. */
public final class BenchmarkSetupException extends RuntimeException {

    public BenchmarkSetupException(String message) {
        super(message);
    }
}
