/** Controllers of the integration module: Open311 and 12345 endpoints (machine), discipline and org-department pages. */
@org.jspecify.annotations.NullMarked
package io.minyi.integration.web;
