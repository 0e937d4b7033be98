package io.minyi.grid.internal;

/** What the worker did with an event: resolved it on the spot (就地化解) or escalated it (上报) to the centre. */
public enum Disposition {
    SELF_RESOLVED, ESCALATED
}
