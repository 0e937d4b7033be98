package io.minyi.lists;

import java.time.LocalDate;

/** The seeds' leader-led figures and the lists' completion, computed from the records under a jurisdiction. */
public interface LeaderWorkFigures {

    /**
     * Projects and measures active in the period; households visited, suggestions collected, disputes found and
     * problems solved in the period (the seeds: 110, 337, 350, 38, 39, 30).
     */
    record Leader(long projects, long measures, long households, long suggestions, long disputes, long problemsSolved) {
    }

    /** List items due in the period: how many, struck off, overdue and still open. */
    record Lists(long items, long struckOff, long overdue) {
        public Double completionRate() {
            return items == 0 ? null : (double) struckOff / items;
        }
    }

    Leader leader(String jurisdictionPath, LocalDate from, LocalDate to);

    Lists lists(String jurisdictionPath, LocalDate from, LocalDate to);
}
