package io.minyi.grid.internal;

import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.Photos;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.minyi.grid.internal.ReportGridEvent.strip;

/**
 * The checks of a grid event as the worker reports it, before anything is written: the grid, household and building
 * must be the worker's own, the category active, the texts within their limits, the time plausible for a draft, and
 * the photos are decoded and cleaned of their metadata.
 */
@Component
@RequiredArgsConstructor
class GridEventChecks {

    static final int MAX_PHOTOS = 4;
    /** A draft may wait for a signal for days in a remote village, but not for ever. */
    static final Duration OLDEST_DRAFT = Duration.ofDays(30);

    private final GridScope scope;
    private final Categories categories;
    private final Households households;
    private final Photos photoCleaner;
    private final Clock clock;

    /** A report's input once checked: grid, household and building are the worker's, photos are cleaned. */
    record Checked(GridRef grid, Categories.Category category, String description, String people,
                           String resolution, Coordinates gps, Households.Household household,
                           Households.Building building, List<Photos.Photo> photos, Instant occurred, Instant now) {
    }

    /** Every problem at once, so the worker fixes the form (or the draft) in one go. */
    Checked check(StaffUser me, NewGridEvent e) {
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
}
