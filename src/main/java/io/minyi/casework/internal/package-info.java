/**
 * The closed loop's machinery: the {@code Case} aggregate and its guarded moves, queries, duplicate index, attachments and ledger.
 */
@org.jspecify.annotations.NullMarked
package io.minyi.casework.internal;
