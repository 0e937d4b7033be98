package io.minyi.grid;

import java.time.LocalDate;

/** The grid figures the dashboard and the daily report show, for a jurisdiction and a period of days. */
public interface GridFigures {

    /**
     * Events reported in {@code [from, to]} under the jurisdiction path and what became of them; visits in the same
     * days; households covered = distinct households visited in the 12 months up to {@code to}.
     */
    Figures within(String jurisdictionPath, LocalDate from, LocalDate to);

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
