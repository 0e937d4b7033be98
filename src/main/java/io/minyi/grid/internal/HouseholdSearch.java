package io.minyi.grid.internal;

import org.jspecify.annotations.Nullable;

/**
 * The register's list as the query string asks for it (model attribute {@code search}): text in the head's name, the
 * address or the building, one of the caller's grids, a care kind, and the page. The page shows each again in the
 * filter bar and keeps them in its pager's links.
 */
public record HouseholdSearch(@Nullable String q, @Nullable Long grid, @Nullable String care, @Nullable Integer page) {

    /** As long as the search box lets one type: a longer text is not a search but a crafted link. */
    public static final int MAX_QUERY = 50;
    /** A dispatcher reads a screen, not the township: the rest is a page or a search away, or in the export. */
    public static final int PAGE_SIZE = 20;

    /** The text searched for, or null when there is none to search. */
    public @Nullable String text() {
        return q == null || q.isBlank() ? null : q.strip();
    }
}
