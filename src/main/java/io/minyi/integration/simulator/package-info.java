/** The 12345 hotline simulator and the channel signature, plain JDK, usable by a vendor as the reference. */
@org.jspecify.annotations.NullMarked
package io.minyi.integration.simulator;
