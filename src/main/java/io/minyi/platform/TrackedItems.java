package io.minyi.platform;

import java.util.Map;
import java.util.Optional;

/**
 * A module that issues tracking codes answers for them here; the resident's page {@code /t/{code}} asks each in turn
 * (casework before evaluation, by {@link org.springframework.core.annotation.Order}) and renders the first answer.
 */
public interface TrackedItems {

    /**
     * @return the view (a Thymeleaf template using the public layout) and its model, or empty when the code is not
     *         this module's. Must show only what the resident may see: no internal notes, no staff names.
     */
    Optional<TrackingView> find(TrackingCode code);

    record TrackingView(String viewName, Map<String, Object> model) {
    }
}
