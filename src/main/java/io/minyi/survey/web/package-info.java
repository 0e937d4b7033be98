/** The survey office's pages and the resident's personal answer link. */
@org.jspecify.annotations.NullMarked
package io.minyi.survey.web;
