package io.minyi.platform;

/** A business rule said no. Rendered as HTTP 409 (or the status given) with the reason in the user's language. */
public class RefusedException extends RuntimeException {

    private final int status;

    public RefusedException(String reason) {
        this(reason, 409);
    }

    public RefusedException(String reason, int status) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
