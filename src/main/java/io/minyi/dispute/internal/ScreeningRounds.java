package io.minyi.dispute.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Screening rounds (排查): a township, village or grid records who went where and what they found. */
@Service
@RequiredArgsConstructor
public class ScreeningRounds {

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final AuditTrail audit;
    private final Clock clock;

    public record Round(long id, String jurisdictionName, LocalDate heldOn, String scope, String team, int households,
                        int sites, String recordedBy, long disputesFound) {
    }

    public record RoundInput(Long jurisdictionId, LocalDate heldOn, String scope, String team, Integer households,
                             Integer sites) {
    }

    @Transactional
    public long record(StaffUser me, RoundInput in) {
        List<String> problems = new ArrayList<>();
        JurisdictionRef j = in.jurisdictionId() == null ? null
                : org.jurisdiction(in.jurisdictionId()).filter(x -> me.covers(x.path())).orElse(null);
        if (j == null) {
            problems.add("dispute.invalid.jurisdiction");
        }
        LocalDate today = LocalDate.now(clock.withZone(DisputeIntake.CHINA));
        if (in.heldOn() == null || in.heldOn().isAfter(today) || in.heldOn().isBefore(today.minusYears(1))
                || DisputeIntake.blankToNull(in.scope()) == null || in.scope().length() > 500
                || DisputeIntake.blankToNull(in.team()) == null || in.team().length() > 500) {
            problems.add("dispute.invalid.round");
        }
        int households = in.households() == null ? 0 : in.households();
        int sites = in.sites() == null ? 0 : in.sites();
        if (households < 0 || sites < 0 || households > 1_000_000 || sites > 100_000) {
            problems.add("dispute.invalid.round");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream().distinct().toList());
        }
        long id = jdbc.sql("""
                        INSERT INTO screening_round (jurisdiction_id, jurisdiction_path, held_on, scope, team, households,
                            sites, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(j.id(), j.path(), Date.valueOf(in.heldOn()), in.scope().strip(), in.team().strip(), households,
                        sites, me.getUsername(), Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(AuditEntry.of("dispute.screening_round.record", "screening_round", id).withChange(null, j.name() + " " + in.heldOn()));
        return id;
    }

    /** Rounds under the viewer's scope, newest first, with the disputes registered from each. */
    @Transactional(readOnly = true)
    public List<Round> recent(StaffUser me, int limit) {
        return jdbc.sql("""
                        SELECT r.*, j.name AS jname, (SELECT count(*) FROM dispute d WHERE d.screening_round_id = r.id) AS found
                        FROM screening_round r JOIN org_jurisdiction j ON j.id = r.jurisdiction_id
                        WHERE r.jurisdiction_path LIKE ? ORDER BY r.held_on DESC, r.id DESC LIMIT ?""")
                .params(me.scopePathPattern(), limit)
                .query((rs, n) -> new Round(rs.getLong("id"), rs.getString("jname"), rs.getDate("held_on").toLocalDate(),
                        rs.getString("scope"), rs.getString("team"), rs.getInt("households"), rs.getInt("sites"),
                        rs.getString("recorded_by"), rs.getLong("found")))
                .list();
    }

    /** The round if it lies in the viewer's scope (a dispute found in it may be linked). */
    @Transactional(readOnly = true)
    public boolean visible(StaffUser me, long roundId) {
        return jdbc.sql("SELECT count(*) FROM screening_round WHERE id = ? AND jurisdiction_path LIKE ?")
                .params(roundId, me.scopePathPattern()).query(Long.class).single() > 0;
    }
}
