package io.minyi.grid.internal;

import io.minyi.casework.CaseProgress;
import io.minyi.casework.CaseState;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the grid worker's home shows: their grids, what is due today, and their recent reports with their state. */
@Service
@RequiredArgsConstructor
public class GridHome {

    private final GridScope scope;
    private final GridEvents events;
    private final Households households;
    private final RecordVisit visits;
    private final CaseProgress progress;
    private final Clock clock;

    /** A report with where it stands: self-resolved, in the loop (the case's state), or waiting for 核实. */
    public record Report(GridEvents.View event, CaseProgress.Progress caseProgress) {

        public boolean awaitingConfirmation() {
            return caseProgress != null && caseProgress.state() == CaseState.AWAITING_FEEDBACK;
        }

        /** A message key or a case state's label. */
        public String stateKey() {
            if (event.disposition() == Disposition.SELF_RESOLVED) {
                return "grid.state.selfResolved";
            }
            if (caseProgress == null) {
                return "grid.state.escalated";
            }
            return awaitingConfirmation() ? "grid.state.awaitingConfirmation" : "grid.caseState." + caseProgress.state().name();
        }

        public boolean closed() {
            return event.closedAt() != null;
        }
    }

    /** @param visitsDue the first of the households due for a visit, {@code visitsDueCount} of them in all */
    public record Home(List<GridRef> grids, List<Report> reports, List<Report> toConfirm,
                       List<Households.Household> visitsDue, long visitsDueCount,
                       List<RecordVisit.VisitView> recentVisits) {
    }

    public Home of(StaffUser me) {
        List<GridRef> grids = scope.own(me);
        List<Report> reports = withProgress(events.byReporter(me.id(), 20));
        List<Households.Household> due = households.visitsDue(ids(grids), today(), 10);
        long dueCount = due.size() < 10 ? due.size() : households.visitsDueCount(ids(grids), today());
        return new Home(grids, reports, toConfirm(me), due, dueCount, visits.recent(me, 5));
    }

    /**
     * The worker's reports whose case waits for their 核实 on site — from all their open reports in the loop, not only
     * the latest shown, so that an old one is not forgotten.
     */
    public List<Report> toConfirm(StaffUser me) {
        return withProgress(events.openInTheLoopByReporter(me.id(), OPEN_REPORTS)).stream()
                .filter(Report::awaitingConfirmation).toList();
    }

    /** How many households of the worker's grids are due for a visit today (the staff home page's to-do). */
    public long visitsDueCount(StaffUser me) {
        return households.visitsDueCount(ids(scope.own(me)), today());
    }

    /** A worker has a few dozen reports in the loop at a time; this bounds a worker who has thousands. */
    private static final int OPEN_REPORTS = 500;

    private LocalDate today() {
        return LocalDate.now(clock.withZone(RecordVisit.CHINA));
    }

    private static List<Long> ids(List<GridRef> grids) {
        return grids.stream().map(GridRef::id).toList();
    }

    public List<Report> withProgress(List<GridEvents.View> list) {
        List<Long> ids = list.stream().map(GridEvents.View::caseId).filter(Objects::nonNull).toList();
        Map<Long, CaseProgress.Progress> byCase = progress.of(ids).stream()
                .collect(Collectors.toMap(CaseProgress.Progress::caseId, Function.identity()));
        return list.stream().map(e -> new Report(e, e.caseId() == null ? null : byCase.get(e.caseId()))).toList();
    }
}
