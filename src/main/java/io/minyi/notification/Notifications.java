package io.minyi.notification;

import io.minyi.org.Role;

/**
 * What other modules may send. Every call writes to the outbox inside the caller's transaction (it joins it), so a
 * message exists exactly when the change it reports was committed; SMS and e-mail go out afterwards, retried with
 * back-off. {@code dedupKey} (nullable) makes a redelivered event send nothing twice.
 */
public interface Notifications {

    /** An inbox message for one staff member. */
    void toStaff(long staffId, Message message);

    /** An inbox message (and an e-mail where configured) for every active account of the unit with the role. */
    int toUnit(long unitId, Role role, Message message);

    /** As {@link #toUnit} for the accounts whose own jurisdiction is exactly the given one. */
    int toJurisdiction(long jurisdictionId, Role role, Message message);

    /**
     * Tells a unit something it must act on (a case dispatched or passed down to it, a letter): an inbox message for
     * every active leader and handler account of the unit, and a text message to each that has a phone. Accounts of
     * the officers in {@code withheldFrom} get nothing — a case about an officer is never announced to that officer.
     *
     * @return how many accounts were reached
     */
    int alertUnit(long unitId, Message message, java.util.Set<Long> withheldFrom);

    /** A text message to a resident's phone. */
    void smsToResident(String phone, String text, String dedupKey);

    long unreadCount(long staffId);

    /** Title, body and a link inside the console; {@code dedupKey} is suffixed with the recipient. */
    record Message(String title, String body, String link, String dedupKey) {
        public Message {
            if (title == null || title.isBlank() || body == null) {
                throw new IllegalArgumentException("a message needs a title and a body");
            }
        }

        public static Message of(String title, String body, String link) {
            return new Message(title, body, link, null);
        }
    }
}
