package io.minyi.casework;

import java.util.Optional;

/**
 * The raiser's contact, for the modules whose job needs it (notification sends the "please rate the handling" SMS).
 * Everywhere else it stays masked.
 */
public interface RaiserContacts {

    /** The raiser's phone in clear, or empty if none was left. */
    Optional<String> phoneFor(long caseId);

    /** The tracking code of the case, for the link in a message to the raiser. */
    Optional<String> trackingCodeFor(long caseId);
}
