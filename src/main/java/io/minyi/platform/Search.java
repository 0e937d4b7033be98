package io.minyi.platform;

import org.jspecify.annotations.Nullable;

/**
 * A list page's search box and page number, bound from the query string as one record (model attribute
 * {@code search}); the page shows the text again in its box and keeps it in its pages' links.
 */
public record Search(@Nullable String q, @Nullable Integer page) {

    /** The page asked for, of {@code size} rows. */
    public PageResult.Request request(int size) {
        return PageResult.Request.of(page, size);
    }
}
