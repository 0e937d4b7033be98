/** Pages for the three lists and leader-led work. */
@org.jspecify.annotations.NullMarked
package io.minyi.lists.web;
