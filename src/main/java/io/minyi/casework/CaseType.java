package io.minyi.casework;

/** The kinds of items in the pool; people read them as {@code casework.caseType.<TYPE>} from the bundles. */
public enum CaseType {
    CLUE, DISPUTE, GRID_EVENT, PETITION, HOTLINE_ORDER
}
