package io.minyi.grid.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.grid.internal.GridEventChecks.Checked;
import io.minyi.org.StaffUser;
import io.minyi.platform.CityTexts;
import io.minyi.platform.Photos;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;


/**
 * A grid worker reports an event: resolved on the spot it is closed at once; escalated it becomes a GRID_EVENT case
 * in the pool (carrying its grid) in the same transaction. The draft's key makes a re-send return the first record.
 */
@Service
@RequiredArgsConstructor
public class ReportGridEvent {

    private final GridEventChecks checks;
    private final GridEvents events;
    private final CaseIntake intake;
    private final AuditTrail audit;
    private final CityTexts cityTexts;

    /** @param replay true when the key was seen before and nothing new was written */
    public record Reported(long eventId, boolean replay, Long caseId) {
    }

    @Transactional
    public Reported report(StaffUser me, NewGridEvent e) {
        String key = DraftKey.of(me, e.key()).stored();
        var seen = events.byKey(key);
        if (seen.isPresent()) {
            return new Reported(seen.get().id(), true, seen.get().caseId());
        }
        Checked c = checks.check(me, e);
        Located at = locate(c);
        var inserted = events.insert(new GridEvents.Row(key, c.grid().id(), c.grid().villagePath(), me.id(),
                c.category().code(), c.description(), c.people(), at.coordinates(), at.source(),
                c.household() == null ? null : c.household().id(), c.building() == null ? null : c.building().id(),
                e.disposition(), c.resolution(), c.occurred(), c.now()));
        if (inserted.isEmpty()) {
            // the same draft arrived twice at once and the other request won
            var first = events.byKey(key).orElseThrow();
            return new Reported(first.id(), true, first.caseId());
        }
        long id = inserted.get();
        int seq = 1;
        for (Photos.Photo p : c.photos()) {
            events.addPhoto(id, seq++, p);
        }
        audit.record(AuditEntry.of("grid.event.report", "grid_event", id).withChange(null, e.disposition().name()));
        Long caseId = e.disposition() == Disposition.ESCALATED ? escalate(id, c) : null;
        return new Reported(id, false, caseId);
    }

    private record Located(Coordinates coordinates, String source) {
    }

    /** The phone's fix first; without one, where the household or building is known to be. */
    private static Located locate(Checked c) {
        if (c.gps() != null) {
            return new Located(c.gps(), "GPS");
        }
        if (c.household() != null) {
            return new Located(c.household().lat() == null ? null
                    : new Coordinates(c.household().lat(), c.household().lon()), "HOUSEHOLD");
        }
        if (c.building() != null) {
            return new Located(c.building().lat() == null ? null
                    : new Coordinates(c.building().lat(), c.building().lon()), "BUILDING");
        }
        return new Located(null, "NONE");
    }

    /** Escalated: a GRID_EVENT case in the pool, carrying the grid, in the same transaction as the event. */
    private long escalate(long id, Checked c) {
        String content = cityTexts.of("grid.caseText.category", c.category().label()) + c.description()
                + (c.people() == null ? "" : "\n" + cityTexts.of("grid.caseText.people", c.people()))
                + (c.household() != null ? "\n" + cityTexts.of("grid.caseText.place", c.household().address())
                : c.building() != null ? "\n" + cityTexts.of("grid.caseText.place", c.building().name()) : "")
                + (c.photos().isEmpty() ? "" : "\n" + cityTexts.of("grid.caseText.photos", c.photos().size(), id));
        var receipt = intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.GRID_VISIT, c.grid().villageId(),
                null, null, null, null, content, c.category().caseCategory(), "grid-event:" + id, null,
                c.grid().id()));
        events.linkCase(id, receipt.caseId());
        return receipt.caseId();
    }

    static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
