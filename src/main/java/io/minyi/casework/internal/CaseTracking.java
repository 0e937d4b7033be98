package io.minyi.casework.internal;

import io.minyi.casework.CaseState;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.platform.TrackedItems;
import io.minyi.platform.TrackingCode;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resident's view of their case on {@code /t/{code}}: the steps in plain words (the public note of each step,
 * never the internal comment), the responsible unit's name and no staff names, and the rating form when it is their
 * turn.
 */
@Component
@Order(0)
@RequiredArgsConstructor
class CaseTracking implements TrackedItems {

    private final Cases cases;
    private final OrgDirectory org;
    private final io.minyi.platform.EnumLabels labels;

    public record PublicStep(Instant at, String text) {
    }

    public record PublicCase(String code, String display, String typeLabel, CaseState state, String stateLabel,
                             Instant receivedAt, String unitName, LocalDate deadline, String outcomeLabel,
                             String findings, String satisfactionLabel, boolean canRate, List<PublicStep> steps,
                             String mergedIntoDisplay) {
    }

    /** A merged case is followed to the case it was merged into (and on, should that one be merged too). */
    static Case mainCaseOf(Case c, Cases cases) {
        Case current = c;
        for (int hop = 0; hop < 5 && current.snapshot().mergedInto() != null; hop++) {
            var next = cases.find(current.snapshot().mergedInto());
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
        return current;
    }

    @Override
    public Optional<TrackingView> find(TrackingCode code) {
        return cases.findByTrackingCode(code.value()).map(own -> {
            // The resident of a merged case follows the main case to its outcome, and may rate it.
            Case c = mainCaseOf(own, cases);
            String mergedInto = c == own ? null : TrackingCode.parse(c.snapshot().trackingCode())
                    .map(TrackingCode::display).orElse(c.snapshot().trackingCode());
            CaseSnapshot s = c.snapshot();
            boolean concluded = s.state() == CaseState.AWAITING_FEEDBACK || s.state() == CaseState.CLOSED
                    || s.state() == CaseState.CLOSED_NO_FEEDBACK || s.state() == CaseState.REOPENED;
            List<PublicStep> steps = cases.steps(s.id()).stream().filter(st -> st.publicNote() != null)
                    .map(st -> new PublicStep(st.at(), st.publicNote())).toList();
            PublicCase view = new PublicCase(code.value(), code.display(), labels.of(s.type()), s.state(),
                    labels.of(s.state()), s.receivedAt(),
                    s.unitId() == null ? null : org.unit(s.unitId()).map(UnitRef::name).orElse(null),
                    s.deadline(), concluded && s.outcome() != null ? labels.of(s.outcome()) : null,
                    concluded ? s.findings() : null,
                    s.satisfaction() == null ? null : labels.of(s.satisfaction()),
                    s.state() == CaseState.AWAITING_FEEDBACK, steps, mergedInto);
            return new TrackingView("casework/tracking", Map.of("item", view));
        });
    }
}
