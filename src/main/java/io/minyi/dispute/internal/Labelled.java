package io.minyi.dispute.internal;

/**
 * An enum whose Chinese name is also the value the mediator sheet writes and reads back (an import synonym); pages
 * read it from the bundle like every other label.
 */
public interface Labelled {
    String label();

    String name();
}
