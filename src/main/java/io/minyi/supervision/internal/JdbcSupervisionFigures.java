package io.minyi.supervision.internal;

import io.minyi.platform.CityTime;
import io.minyi.supervision.SupervisionFigures;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
class JdbcSupervisionFigures implements SupervisionFigures {


    private final JdbcClient jdbc;
    private final UnitScores scores;

    @Override
    public List<Alert> openAlerts(String path, int limit) {
        return jdbc.sql("SELECT * FROM supervision_alert WHERE jurisdiction_path LIKE ? AND status = 'OPEN' "
                        + "ORDER BY raised_at DESC, id DESC LIMIT ?")
                .params(path + "%", limit).query(Alerts.ALERT).list();
    }

    @Override
    public long openAlertCount(String path) {
        return jdbc.sql("SELECT count(*) FROM supervision_alert WHERE jurisdiction_path LIKE ? AND status = 'OPEN'")
                .param(path + "%").query(Long.class).single();
    }

    @Override
    public List<Alert> alertsRaisedOn(String path, LocalDate day) {
        return jdbc.sql("SELECT * FROM supervision_alert WHERE jurisdiction_path LIKE ? AND raised_at >= ? AND raised_at < ? "
                        + "ORDER BY raised_at, id")
                .params(path + "%", start(day), start(day.plusDays(1))).query(Alerts.ALERT).list();
    }

    @Override
    public LetterCounts lettersIssued(String path, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE kind = 'REMINDER'), count(*) FILTER (WHERE kind = 'SUPERVISION'),
                               count(*) FILTER (WHERE kind = 'CIRCULAR')
                        FROM supervision_letter WHERE jurisdiction_path LIKE ? AND issued_at >= ? AND issued_at < ?""")
                .params(path + "%", start(from), start(to.plusDays(1)))
                .query((rs, n) -> new LetterCounts(rs.getInt(1), rs.getInt(2), rs.getInt(3))).single();
    }

    @Override
    public List<UnitScore> unitRanking(String path, YearMonth month) {
        return scores.unitRanking(path, month);
    }

    @Override
    public List<UnitScore> countyRanking(YearMonth month) {
        return scores.countyRanking(month);
    }

    @Override
    public List<UnitScore> unitRanking(String path, YearMonth first, YearMonth last) {
        return scores.unitRanking(path, first, last);
    }

    @Override
    public List<UnitScore> countyRanking(YearMonth first, YearMonth last) {
        return scores.countyRanking(first, last);
    }

    @Override
    public String scoreFormula() {
        return scores.formula();
    }

    private static Timestamp start(LocalDate d) {
        return Timestamp.from(CityTime.startOf(d));
    }
}
