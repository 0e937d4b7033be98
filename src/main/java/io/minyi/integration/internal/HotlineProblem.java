package io.minyi.integration.internal;

/** A refusal on the 12345 channel: HTTP status and a short machine code, with a message key for people. */
public class HotlineProblem extends RuntimeException {

    private final int status;
    private final String code;

    public HotlineProblem(int status, String code) {
        super(code);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return "integration.hotline." + code;
    }
}
