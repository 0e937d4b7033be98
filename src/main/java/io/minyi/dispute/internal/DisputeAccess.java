package io.minyi.dispute.internal;

import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;
import io.minyi.platform.CityTime;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Who is looking at disputes ({@link Viewer}) and the dispute a move acts on, for every desk of the module: a dispute
 * the viewer may not see is as missing as one that does not exist.
 */
@Component
@RequiredArgsConstructor
public class DisputeAccess {

    private final Disputes disputes;
    private final MediatorPool pool;
    private final SubjectShield shield;
    private final Clock clock;

    public Viewer viewer(StaffUser me) {
        Long mediatorId = me.has(Role.MEDIATOR) ? pool.mediatorOfStaff(me.id()).map(MediatorPool.Mediator::id).orElse(null)
                : null;
        return Viewer.of(me, mediatorId, pool.orgsHeadedBy(me.id()),
                shield.hides(me, SubjectShield.Kind.CASE, "d.case_id"));
    }

    /** The dispute, locked, if the viewer may see it; 404 otherwise. */
    Disputes.Row load(long id, Viewer v) {
        disputes.findVisible(id, v).orElseThrow(() -> new NotFoundException("dispute"));
        return disputes.lock(id);
    }

    /** Today where the disputes are: deadlines and dates on papers are days in China. */
    LocalDate today() {
        return LocalDate.now(clock.withZone(CityTime.ZONE));
    }
}
