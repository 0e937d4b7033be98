package io.minyi.notification;

import io.minyi.org.Role;

import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

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
     * every active leader and handler account of the unit, and a text message to each that has a phone — except the
     * accounts of the officers the message is {@link Message#about} (a case about an officer is never announced to
     * that officer).
     *
     * @return how many accounts were reached
     */
    int alertUnit(long unitId, Message message);

    /** A text message to a resident's phone, listed for the administrators of the jurisdiction (by id). */
    void smsToResident(String phone, String text, String dedupKey, Long jurisdictionId);

    /**
     * One text message to a resident, for {@link #smsToResidents}; no jurisdiction owns it (only the city's
     * administrators list it), but it is kept in the city it concerns ({@code cityId}, decision 0037).
     */
    record ResidentSms(String phone, String text, String dedupKey, long cityId) {
    }

    /**
     * Many text messages at once (a survey's invitations), in the caller's transaction, written in one batch; a
     * repeated dedup key writes nothing.
     */
    void smsToResidents(java.util.List<ResidentSms> messages);

    /**
     * A message for a machine endpoint, delivered by the {@link OutboundChannel} bean of that name, retried with
     * back-off and shown to ADMIN with SMS and e-mail. {@code dedupKey} (nullable) makes a repeat write nothing.
     * {@code cityId}: the city of what the message is about (decision 0037).
     */
    void toEndpoint(String channel, String address, String title, String body, String dedupKey, long cityId);

    long unreadCount(long staffId);

    /**
     * Title, body and a link inside the console; {@code dedupKey} is suffixed with the recipient. {@code about}: the
     * officers the message reports on (an alert or letter about them) — it is never delivered to their accounts,
     * nor listed to them anywhere ({@link io.minyi.org.SubjectShield}).
     */
    record Message(String title, String body, String link, String dedupKey, Set<Long> about) {
        public Message {
            if (title == null || title.isBlank() || body == null) {
                throw new IllegalArgumentException("a message needs a title and a body");
            }
            about = about == null ? Set.of() : about.stream().filter(Objects::nonNull)
                    .collect(Collectors.toUnmodifiableSet());
        }

        public Message(String title, String body, String link, String dedupKey) {
            this(title, body, link, dedupKey, Set.of());
        }

        public static Message of(String title, String body, String link) {
            return new Message(title, body, link, null);
        }

        /** The same message, reporting on these officers. */
        public Message about(Collection<Long> officers) {
            Set<Long> all = new HashSet<>(about);
            officers.stream().filter(Objects::nonNull).forEach(all::add);
            return new Message(title, body, link, dedupKey, all);
        }
    }
}
