/**
 * Shared infrastructure every module may use: the database (embedded PostgreSQL when none is configured), the clock,
 * and small value types such as {@link io.minyi.platform.Decision} and {@link io.minyi.platform.PageResult}. It
 * depends on no other module (an empty {@code allowedDependencies}, which the module check holds it to).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        allowedDependencies = {})
@org.jspecify.annotations.NullMarked
package io.minyi.platform;
