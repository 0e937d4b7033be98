package io.minyi.dispute.internal;

import io.minyi.platform.CityTime;
import io.minyi.dispute.DisputeFigures;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;

/** Counts straight from the records, one indexed range read per figure (see V6_2's indexes). */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
class JdbcDisputeFigures implements DisputeFigures {

    private final JdbcClient jdbc;

    @Override
    public Figures figures(String path, LocalDate from, LocalDate to) {
        String scope = path + "%";
        Date f = Date.valueOf(from);
        Date t = Date.valueOf(to);
        Timestamp fromTs = Timestamp.from(CityTime.startOf(from));
        Timestamp toTs = Timestamp.from(CityTime.startOf(to.plusDays(1)));
        long rounds = count("SELECT count(*) FROM screening_round WHERE jurisdiction_path LIKE ? AND held_on BETWEEN ? AND ?",
                scope, f, t);
        long found = count("""
                SELECT count(*) FROM dispute d JOIN screening_round r ON r.id = d.screening_round_id
                WHERE r.jurisdiction_path LIKE ? AND r.held_on BETWEEN ? AND ?""", scope, f, t);
        var outcomes = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE prevented), count(*) FILTER (WHERE status = 'AGREED'), count(*)
                        FROM dispute WHERE jurisdiction_path LIKE ? AND outcome_at >= ? AND outcome_at < ?""")
                .params(scope, fromTs, toTs).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
        long confirmations = count("""
                SELECT count(*) FROM judicial_confirmation jc JOIN dispute d ON d.id = jc.dispute_id
                WHERE d.jurisdiction_path LIKE ? AND jc.status = 'CONFIRMED' AND jc.ruled_on BETWEEN ? AND ?""", scope, f, t);
        var follow = jdbc.sql("""
                        SELECT count(*), count(*) FILTER (WHERE fu.performance = 'PERFORMED')
                        FROM follow_up fu JOIN dispute d ON d.id = fu.dispute_id
                        WHERE d.jurisdiction_path LIKE ? AND fu.done_on BETWEEN ? AND ?""")
                .params(scope, f, t).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
        long consultations = count("""
                SELECT coalesce(sum(c.people), 0) FROM legal_consultation c JOIN org_unit u ON u.id = c.centre_unit_id
                JOIN org_jurisdiction j ON j.id = u.jurisdiction_id
                WHERE j.path LIKE ? AND c.given_at >= ? AND c.given_at < ?""", scope, fromTs, toTs);
        return new Figures(rounds, found, outcomes[0], outcomes[1], outcomes[2], confirmations, follow[0], follow[1],
                consultations);
    }

    private long count(String sql, Object... args) {
        return jdbc.sql(sql).params(args).query(Long.class).single();
    }
}
