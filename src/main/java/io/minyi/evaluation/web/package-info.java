/** The resident's rating page and the staff pages for codes and officers' evaluation records. */
@org.jspecify.annotations.NullMarked
package io.minyi.evaluation.web;
