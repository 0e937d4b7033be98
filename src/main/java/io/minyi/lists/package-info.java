/**
 * The three lists (问题清单 / 任务清单 / 责任清单) and leader-led work (一把手领办, 领导包案, 下基层): items with an owner unit,
 * a deadline and milestones worked back from it, struck off (销号) only when the issuing level approves the evidence;
 * the leaders' key projects with their measures, their visits and what was found there (suggestions answered and
 * published, disputes handed into the pool, problems solved). {@link io.minyi.lists.LeaderWorkFigures} gives the
 * dashboard its leader figures from these records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Lists and leader-led work",
        allowedDependencies = {"org", "platform", "casework", "audit", "notification"})
@org.jspecify.annotations.NullMarked
package io.minyi.lists;
