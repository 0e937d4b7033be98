package io.minyi.casework;

/** How a case came in; people read it as {@code casework.sourceChannel.*}. */
public enum SourceChannel {
    EVALUATION, WALK_IN, PETITION, GRID_VISIT, HOTLINE, SURVEY, STAFF, OPEN311
}
