package io.minyi.grid.internal;

/** 走访 kinds: routine, the "四必访" groups visited monthly, and an emergency visit. */
public enum VisitKind {
    ROUTINE, HARDSHIP, MIGRANT, EMPTY_NEST, CORRECTION, EMERGENCY
}
