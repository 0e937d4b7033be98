package io.minyi.integration.internal;

/**
 * An Open311 error: the HTTP status (400, 403, 404, 429) and a message key; the web layer writes the
 * specification's {@code [{code, description}]}.
 */
public class Open311Problem extends RuntimeException {

    private final int status;
    private final String messageKey;
    private final Object[] args;

    public Open311Problem(int status, String messageKey, Object... args) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
    }

    public static Open311Problem badRequest(String key, Object... args) {
        return new Open311Problem(400, key, args);
    }

    public static Open311Problem notFound() {
        return new Open311Problem(404, "integration.open311.notFound");
    }

    public static Open311Problem badKey() {
        return new Open311Problem(403, "integration.open311.badKey");
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }
}
