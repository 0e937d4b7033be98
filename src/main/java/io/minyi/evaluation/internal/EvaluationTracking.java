package io.minyi.evaluation.internal;

import io.minyi.platform.TrackedItems;
import io.minyi.platform.TrackingCode;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Answers {@code /t/{code}} for evaluation receipts: that the evaluation arrived and, if a clue came with it, where
 * the clue stands. Casework answers first (lower order) for clues that became cases and so has the fuller story.
 */
@Component
@Order(10)
@RequiredArgsConstructor
class EvaluationTracking implements TrackedItems {

    private static final String VIEW = """
            SELECT e.submitted_at, u.name AS unit_name, o.name AS officer_name, c.intake_state
            FROM evaluation e JOIN org_unit u ON u.id = e.unit_id LEFT JOIN org_officer o ON o.id = e.officer_id
            LEFT JOIN evaluation_clue c ON c.evaluation_id = e.id AND c.city_id = e.city_id
            """;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ReceiptCodes codes;

    /**
     * A receipt's 11 characters stand for a row that stores no code (decision 0062); the 10 of a receipt from before
     * are stored with their row.
     */
    @Override
    public Optional<TrackingView> find(TrackingCode code) {
        OptionalLong id = codes.idOf(code);
        var query = id.isPresent()
                ? jdbc.sql(VIEW + "WHERE e.id = ? AND e.tracking_code IS NULL").param(id.getAsLong())
                : jdbc.sql(VIEW + "WHERE e.tracking_code = ?").param(code.value());
        return query
                .query((rs, n) -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("code", code.display());
                    model.put("submittedAt", LocalDateTime.ofInstant(rs.getTimestamp("submitted_at").toInstant(), clock.getZone()));
                    model.put("unitName", rs.getString("unit_name"));
                    String officer = rs.getString("officer_name");
                    if (officer != null) {
                        model.put("officerName", officer);
                    }
                    String clue = rs.getString("intake_state");
                    model.put("clueState", clue == null ? "NONE" : clue);
                    return new TrackingView("evaluation/tracking", model);
                }).optional();
    }
}
