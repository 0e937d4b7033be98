package io.minyi.casework;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The raiser's contact, for the modules whose job needs it (notification sends the "please rate the handling" SMS).
 * Everywhere else it stays masked.
 */
public interface RaiserContacts {

    /** The raiser's phone in clear, or empty if none was left. */
    Optional<String> phoneFor(long caseId);

    /**
     * The phones of several raisers at once, keyed by case id; a case without a phone (or unknown) is left out. The
     * casework implementation reads them in one query, for senders working in batches (survey invitations).
     */
    default Map<Long, String> phonesFor(Collection<Long> caseIds) {
        Map<Long, String> phones = new LinkedHashMap<>();
        caseIds.forEach(id -> phoneFor(id).ifPresent(phone -> phones.put(id, phone)));
        return phones;
    }

    /** The tracking code of the case, for the link in a message to the raiser. */
    Optional<String> trackingCodeFor(long caseId);
}
