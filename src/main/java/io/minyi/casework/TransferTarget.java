package io.minyi.casework;

/** Where a case can be handed over outside the loop; people read it as {@code casework.transferTarget.<TARGET>}. */
public enum TransferTarget {
    HOTLINE, DISCIPLINE
}
