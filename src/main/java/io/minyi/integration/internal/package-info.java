/** The integration use cases: Open311 desk and keys, the 12345 gate, desk, relay and channel, discipline hand-overs, officer records. */
@org.jspecify.annotations.NullMarked
package io.minyi.integration.internal;
