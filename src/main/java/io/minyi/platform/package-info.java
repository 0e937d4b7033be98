/**
 * Shared infrastructure every module may use: the database (embedded PostgreSQL when none is configured), the clock,
 * and small value types such as {@link io.minyi.platform.Decision} and {@link io.minyi.platform.PageResult}.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package io.minyi.platform;
