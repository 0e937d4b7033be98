package io.minyi.grid.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.CityTexts;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.Photos;
import lombok.RequiredArgsConstructor;
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
@RequiredArgsConstructor
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

    private final CityTexts cityTexts;

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
        Checked c = check(me, e);
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

    /** A report's input once checked: grid, household and building are the worker's, photos are cleaned. */
    private record Checked(GridRef grid, Categories.Category category, String description, String people,
                           String resolution, Coordinates gps, Households.Household household,
                           Households.Building building, List<Photos.Photo> photos, Instant occurred, Instant now) {
    }

    private record Located(Coordinates coordinates, String source) {
    }

    /** Every problem at once, so the worker fixes the form (or the draft) in one go. */
    private Checked check(StaffUser me, NewGridEvent e) {
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
        Households.Household household = grid == null || e.householdId() == null ? null
                : found(households.inGrid(e.householdId(), grid.id()), "grid.invalid.household", problems);
        Households.Building building = grid == null || e.buildingId() == null ? null
                : found(households.buildingInGrid(e.buildingId(), grid.id()), "grid.invalid.building", problems);
        List<Photos.Photo> photos = photos(e.photos(), problems);
        Instant now = clock.instant();
        Instant occurred = e.occurredAt() == null ? now : e.occurredAt();
        if (occurred.isAfter(now.plus(Duration.ofMinutes(10))) || occurred.isBefore(now.minus(OLDEST_DRAFT))) {
            problems.add("grid.invalid.occurredAt");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(grid, category.get(), description, people, resolution, gps, household, building, photos,
                occurred, now);
    }

    private static <T> T found(java.util.Optional<T> value, String problem, List<String> problems) {
        if (value.isEmpty()) {
            problems.add(problem);
        }
        return value.orElse(null);
    }

    /** At most {@link #MAX_PHOTOS}, each decoded and re-encoded without its metadata; one message for any bad one. */
    private List<Photos.Photo> photos(List<byte[]> uploads, List<String> problems) {
        List<Photos.Photo> photos = new ArrayList<>();
        List<byte[]> all = uploads == null ? List.of() : uploads;
        if (all.size() > MAX_PHOTOS) {
            problems.add("grid.invalid.tooManyPhotos");
            return photos;
        }
        for (byte[] upload : all) {
            photoCleaner.clean(upload).ifPresentOrElse(photos::add, () -> {
                if (!problems.contains("grid.invalid.photo")) {
                    problems.add("grid.invalid.photo");
                }
            });
        }
        return photos;
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
