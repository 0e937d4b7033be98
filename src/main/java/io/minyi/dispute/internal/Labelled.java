package io.minyi.dispute.internal;

/** An enum value with the Chinese label that pages, documents and the ledger show. */
public interface Labelled {
    String label();

    String name();
}
