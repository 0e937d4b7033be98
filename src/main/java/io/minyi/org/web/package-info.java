/**
 * The organisation console under {@code /admin}: lists, forms, Excel import and export of jurisdictions, grids,
 * units, officers and staff accounts. Plain CRUD kept plain: one service per kind with SQL scoped to the caller's
 * jurisdiction path, form records for input, and an audit event in the transaction of every change.
 */
@org.jspecify.annotations.NullMarked
package io.minyi.org.web;
