package io.minyi.grid;

import java.time.LocalDate;
import java.util.List;

/** The grid figures the dashboard and the daily report show, for a jurisdiction and a period of days. */
public interface GridFigures {

    /**
     * Events reported in {@code [from, to]} under the jurisdiction path and what became of them; visits in the same
     * days; households covered = distinct households visited in the 12 months up to {@code to}.
     */
    Figures within(String jurisdictionPath, LocalDate from, LocalDate to);

    /**
     * The day's (or days') work split by the areas one level below the jurisdiction — a city by county, a county by
     * township, a township or village by grid — for the daily report. Unlike {@link #within}, {@code closed} counts
     * the events closed in the days whenever they were reported (办结 of the day). Areas without any activity are left
     * out; ordered by the area's path or grid code.
     */
    List<Area> byArea(String jurisdictionPath, LocalDate from, LocalDate to);

    /**
     * @param key          the area's jurisdiction path, or the grid's code
     * @param reported     events reported in the days
     * @param selfResolved of which resolved on the spot
     * @param escalated    of which escalated to the township centre
     * @param closed       events closed in the days (reported then or earlier)
     * @param visits       household and site visits made in the days
     */
    record Area(String key, String name, long reported, long selfResolved, long escalated, long closed, long visits) {
    }

    /**
     * @param medianHoursToClose median hours from report to close of the events closed so far (null when none)
     */
    record Figures(long reported, long closed, long selfResolved, long escalated, Double medianHoursToClose,
                   long visits, long workers, double visitsPerWorkerPerWeek, long householdsCovered,
                   long households) {

        /** 就地化解率: self-resolved events as a share of those reported, 0..1. */
        public double selfResolvedShare() {
            return reported == 0 ? 0 : (double) selfResolved / reported;
        }
    }
}
