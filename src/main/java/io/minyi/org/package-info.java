/**
 * The organisation model: the jurisdiction tree (市/县/乡镇/村), grids, units, officers and staff accounts, and the
 * scoping rule every other module applies in SQL ({@link io.minyi.org.StaffUser#scopePathPattern()}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organisation", allowedDependencies = {"platform", "audit"})
@org.jspecify.annotations.NullMarked
package io.minyi.org;
