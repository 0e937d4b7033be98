package io.minyi.grid.internal;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Grid events and their photos in PostgreSQL. */
@Repository
@RequiredArgsConstructor
public class GridEvents {

    private final JdbcClient jdbc;

    record Row(String key, long gridId, String path, long reporterId, String category, String description,
               String people, Coordinates at, String locationSource, Long householdId, Long buildingId,
               Disposition disposition, String resolution, Instant occurredAt, Instant reportedAt) {
    }

    /** @return the new id, or empty when the key was used before */
    Optional<Long> insert(Row r) {
        return jdbc.sql("""
                        INSERT INTO grid_event (idempotency_key, grid_id, path, reporter_id, category, description,
                            people, lat, lon, location_source, household_id, building_id, disposition, resolution,
                            occurred_at, reported_at, closed_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                        ON CONFLICT (idempotency_key, city_id) DO NOTHING RETURNING id""")
                .params(r.key(), r.gridId(), r.path(), r.reporterId(), r.category(), r.description(), r.people(),
                        r.at() == null ? null : r.at().lat(), r.at() == null ? null : r.at().lon(),
                        r.locationSource(), r.householdId(), r.buildingId(), r.disposition().name(), r.resolution(),
                        Timestamp.from(r.occurredAt()), Timestamp.from(r.reportedAt()),
                        r.disposition() == Disposition.SELF_RESOLVED ? Timestamp.from(r.reportedAt()) : null)
                .query(Long.class).optional();
    }

    record Existing(long id, long reporterId, Long caseId) {
    }

    Optional<Existing> byKey(String key) {
        return jdbc.sql("SELECT id, reporter_id, case_id FROM grid_event WHERE idempotency_key = ?").param(key)
                .query((rs, i) -> new Existing(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3))).optional();
    }

    void addPhoto(long eventId, int seq, io.minyi.platform.Photos.Photo p) {
        jdbc.sql("INSERT INTO grid_event_photo (event_id, seq, width, height, bytes) VALUES (?,?,?,?,?)")
                .params(eventId, seq, p.width(), p.height(), p.jpeg()).update();
    }

    void linkCase(long eventId, long caseId) {
        jdbc.sql("UPDATE grid_event SET case_id = ? WHERE id = ?").params(caseId, eventId).update();
    }

    /** Marks the event closed when its case concludes; a repeat of the event changes nothing. */
    int closeByCase(long caseId, Instant at) {
        return jdbc.sql("UPDATE grid_event SET closed_at = ? WHERE case_id = ? AND closed_at IS NULL")
                .params(Timestamp.from(at), caseId).update();
    }

    /** A re-opened case re-opens its event. */
    int reopenByCase(long caseId) {
        return jdbc.sql("UPDATE grid_event SET closed_at = NULL WHERE case_id = ? AND closed_at IS NOT NULL")
                .param(caseId).update();
    }

    Optional<Long> reporterOfCase(long caseId) {
        return jdbc.sql("SELECT reporter_id FROM grid_event WHERE case_id = ?").param(caseId).query(Long.class)
                .optional();
    }

    public record View(long id, long gridId, String gridName, long reporterId, String reporterName, String category,
                       String categoryLabel, String description, String people, Double lat, Double lon,
                       String locationSource, String place, Disposition disposition, String resolution, Long caseId,
                       Instant occurredAt, Instant reportedAt, Instant closedAt, int photos) {
    }

    private static final String SELECT = """
            SELECT e.id, e.grid_id, g.name AS grid_name, e.reporter_id, s.display_name AS reporter_name, e.category,
                   c.label AS category_label, e.description, e.people, e.lat, e.lon, e.location_source,
                   coalesce(h.address, b.name) AS place, e.disposition, e.resolution, e.case_id, e.occurred_at,
                   e.reported_at, e.closed_at,
                   (SELECT count(*) FROM grid_event_photo p WHERE p.event_id = e.id) AS photos
            FROM grid_event e JOIN org_grid g ON g.id = e.grid_id JOIN org_staff s ON s.id = e.reporter_id
                 JOIN grid_event_category c ON c.code = e.category
                 LEFT JOIN grid_household h ON h.id = e.household_id LEFT JOIN grid_building b ON b.id = e.building_id
            """;

    private static View view(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new View(rs.getLong("id"), rs.getLong("grid_id"), rs.getString("grid_name"),
                rs.getLong("reporter_id"), rs.getString("reporter_name"), rs.getString("category"),
                rs.getString("category_label"), rs.getString("description"), rs.getString("people"),
                (Double) rs.getObject("lat"), (Double) rs.getObject("lon"), rs.getString("location_source"),
                rs.getString("place"), Disposition.valueOf(rs.getString("disposition")), rs.getString("resolution"),
                (Long) rs.getObject("case_id"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("reported_at").toInstant(),
                rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(),
                rs.getInt("photos"));
    }

    public List<View> byReporter(long staffId, int limit) {
        return jdbc.sql(SELECT + " WHERE e.reporter_id = ? ORDER BY e.reported_at DESC, e.id DESC LIMIT ?")
                .params(staffId, limit).query(GridEvents::view).list();
    }

    /**
     * The reporter's events handed into the loop and not closed yet, newest first: among them are the ones waiting for
     * the reporter's 核实 on site, however long ago they were reported.
     */
    public List<View> openInTheLoopByReporter(long staffId, int limit) {
        return jdbc.sql(SELECT + " WHERE e.reporter_id = ? AND e.case_id IS NOT NULL AND e.closed_at IS NULL"
                        + " ORDER BY e.reported_at DESC, e.id DESC LIMIT ?")
                .params(staffId, limit).query(GridEvents::view).list();
    }

    /** Events in the scope, newest first; {@code openOnly} keeps the ones not yet closed. */
    public List<View> inScope(GridScope.Scope scope, boolean openOnly, int limit) {
        Map<String, Object> p = new LinkedHashMap<>(scope.params());
        p.put("limit", limit);
        return jdbc.sql(SELECT + " WHERE " + scope.sql("e") + (openOnly ? " AND e.closed_at IS NULL" : "")
                        + " ORDER BY e.reported_at DESC, e.id DESC LIMIT :limit")
                .params(p).query(GridEvents::view).list();
    }

    public Optional<View> find(long id, GridScope.Scope scope) {
        Map<String, Object> p = new LinkedHashMap<>(scope.params());
        p.put("id", id);
        return jdbc.sql(SELECT + " WHERE e.id = :id AND " + scope.sql("e")).params(p).query(GridEvents::view)
                .optional();
    }

    public Optional<byte[]> photo(long eventId, int seq) {
        return jdbc.sql("SELECT bytes FROM grid_event_photo WHERE event_id = ? AND seq = ?").params(eventId, seq)
                .query(byte[].class).optional();
    }

    /** Points for the map: events with a position in the scope since the given moment. */
    public record Point(long id, long gridId, String category, String categoryLabel, double lat, double lon,
                        boolean open) {
    }

    public List<Point> points(GridScope.Scope scope, Instant since, int limit) {
        Map<String, Object> p = new LinkedHashMap<>(scope.params());
        p.put("since", Timestamp.from(since));
        p.put("limit", limit);
        return jdbc.sql("""
                        SELECT e.id, e.grid_id, e.category, c.label, e.lat, e.lon, e.closed_at IS NULL
                        FROM grid_event e JOIN grid_event_category c ON c.code = e.category
                        WHERE e.lat IS NOT NULL AND e.reported_at >= :since AND\s""" + scope.sql("e")
                        + " ORDER BY e.reported_at DESC LIMIT :limit")
                .params(p).query((rs, i) -> new Point(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getBoolean(7))).list();
    }
}
