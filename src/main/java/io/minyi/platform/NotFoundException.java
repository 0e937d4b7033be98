package io.minyi.platform;

/**
 * The record does not exist <em>or is outside the caller's scope</em>: both answer 404 so that scoping never
 * reveals that a record exists.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what);
    }
}
