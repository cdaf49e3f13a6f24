package com.platform.billing.domain.payment;

/** The gateway could not be reached, timed out, or answered with an error. The outcome of the call is unknown. */
public final class GatewayException extends RuntimeException {

    private final boolean timeout;

    public GatewayException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public boolean isTimeout() {
        return timeout;
    }
}
