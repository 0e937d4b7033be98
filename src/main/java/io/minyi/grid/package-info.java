/**
 * Grid governance (网格化服务管理): the grid worker's phone tool (events, visits, households, an offline outbox) and the
 * township centre's view of its grids with a map. An escalated grid event becomes a GRID_EVENT case through
 * {@link io.minyi.casework.CaseIntake} and runs the one loop; the worker confirms it on site through
 * {@link io.minyi.casework.CaseProgress}. Reporting reads {@link io.minyi.grid.GridFigures}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Grid",
        allowedDependencies = {"platform", "org", "audit", "casework", "notification"})
@org.jspecify.annotations.NullMarked
package io.minyi.grid;
