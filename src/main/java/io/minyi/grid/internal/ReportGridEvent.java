package io.minyi.grid.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.Photos;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A grid worker reports an event: resolved on the spot it is closed at once; escalated it becomes a GRID_EVENT case
 * in the pool (carrying its grid) in the same transaction. The draft's key makes a re-send return the first record.
 */
@Service
public class ReportGridEvent {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{8,64}");
    static final int MAX_PHOTOS = 4;
    /** A draft may wait for a signal for days in a remote village, but not for ever. */
    static final Duration OLDEST_DRAFT = Duration.ofDays(30);

    private final GridScope scope;
    private final Categories categories;
    private final GridEvents events;
    private final Households households;
    private final CaseIntake intake;
    private final AuditTrail audit;
    private final Clock clock;
    private final Photos photoCleaner;

    ReportGridEvent(GridScope scope, Categories categories, GridEvents events, Households households,
                    CaseIntake intake, AuditTrail audit, Clock clock,
                    Photos photoCleaner) {
        this.photoCleaner = photoCleaner;
        this.scope = scope;
        this.categories = categories;
        this.events = events;
        this.households = households;
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param replay true when the key was seen before and nothing new was written */
    public record Reported(long eventId, boolean replay, Long caseId) {
    }

    @Transactional
    public Reported report(StaffUser me, NewGridEvent e) {
        if (e.key() == null || !KEY.matcher(e.key()).matches()) {
            throw new InvalidInputException("grid.invalid.key");
        }
        // keys are the phone's: the same text from two workers is two drafts
        String key = me.id() + ":" + e.key();
        var seen = events.byKey(key);
        if (seen.isPresent()) {
            return new Reported(seen.get().id(), true, seen.get().caseId());
        }
        List<String> problems = new ArrayList<>();
        GridRef grid = e.gridId() == null ? null
                : scope.own(me).stream().filter(g -> g.id() == e.gridId()).findFirst().orElse(null);
        if (grid == null) {
            problems.add("grid.invalid.grid");
        }
        var category = e.category() == null ? java.util.Optional.<Categories.Category>empty()
                : categories.activeByCode(e.category());
        if (category.isEmpty()) {
            problems.add("grid.invalid.category");
        }
        String description = strip(e.description());
        if (description == null) {
            problems.add("grid.invalid.descriptionEmpty");
        } else if (description.length() > 2000) {
            problems.add("grid.invalid.descriptionTooLong");
        }
        String people = strip(e.people());
        if (people != null && people.length() > 500) {
            problems.add("grid.invalid.peopleTooLong");
        }
        if (e.disposition() == null) {
            problems.add("grid.invalid.disposition");
        }
        String resolution = strip(e.resolution());
        if (e.disposition() == Disposition.SELF_RESOLVED && resolution == null) {
            problems.add("grid.invalid.resolutionEmpty");
        } else if (resolution != null && resolution.length() > 1000) {
            problems.add("grid.invalid.resolutionTooLong");
        }
        Coordinates gps = null;
        try {
            gps = Coordinates.ofNullable(e.lat(), e.lon());
        } catch (InvalidInputException bad) {
            problems.addAll(bad.problems());
        }
        Households.Household household = null;
        Households.Building building = null;
        if (grid != null && e.householdId() != null) {
            household = households.inGrid(e.householdId(), grid.id()).orElse(null);
            if (household == null) {
                problems.add("grid.invalid.household");
            }
        }
        if (grid != null && e.buildingId() != null) {
            building = households.buildingInGrid(e.buildingId(), grid.id()).orElse(null);
            if (building == null) {
                problems.add("grid.invalid.building");
            }
        }
        List<Photos.Photo> photos = new ArrayList<>();
        List<byte[]> uploads = e.photos() == null ? List.of() : e.photos();
        if (uploads.size() > MAX_PHOTOS) {
            problems.add("grid.invalid.tooManyPhotos");
        } else {
            for (byte[] upload : uploads) {
                photoCleaner.clean(upload).ifPresentOrElse(photos::add, () -> {
                    if (!problems.contains("grid.invalid.photo")) {
                        problems.add("grid.invalid.photo");
                    }
                });
            }
        }
        Instant now = clock.instant();
        Instant occurred = e.occurredAt() == null ? now : e.occurredAt();
        if (occurred.isAfter(now.plus(Duration.ofMinutes(10))) || occurred.isBefore(now.minus(OLDEST_DRAFT))) {
            problems.add("grid.invalid.occurredAt");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        // the phone's fix first; without one, where the household or building is known to be
        Coordinates at = gps;
        String source = "GPS";
        if (at == null && household != null) {
            source = "HOUSEHOLD";
            at = household.lat() == null ? null : new Coordinates(household.lat(), household.lon());
        } else if (at == null && building != null) {
            source = "BUILDING";
            at = building.lat() == null ? null : new Coordinates(building.lat(), building.lon());
        } else if (at == null) {
            source = "NONE";
        }
        var inserted = events.insert(new GridEvents.Row(key, grid.id(), grid.villagePath(), me.id(),
                category.get().code(), description, people, at, source,
                household == null ? null : household.id(), building == null ? null : building.id(),
                e.disposition(), resolution, occurred, now));
        if (inserted.isEmpty()) {
            // the same draft arrived twice at once and the other request won
            var first = events.byKey(key).orElseThrow();
            return new Reported(first.id(), true, first.caseId());
        }
        long id = inserted.get();
        int seq = 1;
        for (Photos.Photo p : photos) {
            events.addPhoto(id, seq++, p);
        }
        audit.record(AuditEntry.of("grid.event.report", "grid_event", id).withChange(null, e.disposition().name()));
        Long caseId = null;
        if (e.disposition() == Disposition.ESCALATED) {
            String content = "【" + category.get().label() + "】" + description
                    + (people == null ? "" : "\n涉及人员：" + people)
                    + (household != null ? "\n位置：" + household.address() : building != null ? "\n位置：" + building.name() : "")
                    + (photos.isEmpty() ? "" : "\n现场照片 " + photos.size() + " 张（网格事件 #" + id + "）");
            var receipt = intake.receive(new NewCase(CaseType.GRID_EVENT, SourceChannel.GRID_VISIT, grid.villageId(),
                    null, null, null, null, content, category.get().caseCategory(), "grid-event:" + id, null,
                    grid.id()));
            caseId = receipt.caseId();
            events.linkCase(id, caseId);
        }
        return new Reported(id, false, caseId);
    }

    static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
