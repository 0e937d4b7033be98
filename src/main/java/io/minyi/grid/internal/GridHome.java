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

    public record Home(List<GridRef> grids, List<Report> reports, List<Report> toConfirm,
                       List<Households.Household> visitsDue, List<RecordVisit.VisitView> recentVisits) {
    }

    public Home of(StaffUser me) {
        List<GridRef> grids = scope.own(me);
        List<Report> reports = withProgress(events.byReporter(me.id(), 20));
        List<Report> toConfirm = reports.stream().filter(Report::awaitingConfirmation).toList();
        LocalDate today = LocalDate.now(clock.withZone(RecordVisit.CHINA));
        return new Home(grids, reports, toConfirm,
                households.visitsDue(grids.stream().map(GridRef::id).toList(), today, 10),
                visits.recent(me, 5));
    }

    public List<Report> withProgress(List<GridEvents.View> list) {
        List<Long> ids = list.stream().map(GridEvents.View::caseId).filter(Objects::nonNull).toList();
        Map<Long, CaseProgress.Progress> byCase = progress.of(ids).stream()
                .collect(Collectors.toMap(CaseProgress.Progress::caseId, Function.identity()));
        return list.stream().map(e -> new Report(e, e.caseId() == null ? null : byCase.get(e.caseId()))).toList();
    }
}
