/** Grid events, visits, households and the township centre's figures. */
@org.jspecify.annotations.NullMarked
package io.minyi.grid.internal;
