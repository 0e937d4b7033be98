package io.minyi.grid.internal;

import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;

import java.util.regex.Pattern;

/**
 * The key a phone gives a draft (an event report or a visit), so that a draft the outbox sends twice is recorded once.
 * Keys are the phone's: the same text from two workers is two drafts, so the stored key carries the worker's id.
 */
record DraftKey(String stored) {

    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9-]{8,64}");

    static DraftKey of(StaffUser me, String key) {
        if (key == null || !PATTERN.matcher(key).matches()) {
            throw new InvalidInputException("grid.invalid.key");
        }
        return new DraftKey(me.id() + ":" + key);
    }
}
