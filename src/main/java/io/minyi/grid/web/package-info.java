/** The grid worker's phone pages and the township centre page. */
@org.jspecify.annotations.NullMarked
package io.minyi.grid.web;
