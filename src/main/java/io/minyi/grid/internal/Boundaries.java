package io.minyi.grid.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grid boundaries as GeoJSON. An import is a FeatureCollection whose features carry the grid's {@code code} in their
 * properties and a Polygon or MultiPolygon geometry in WGS84 inside China's extent; grids outside the importer's scope
 * are skipped and reported, nothing else is stored.
 */
@Service
@RequiredArgsConstructor
public class Boundaries {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_POINTS = 20_000;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    public record ImportResult(int stored, List<String> unknownCodes) {
    }

    /** @param grids the grids the importer may set, by code */
    @Transactional
    public ImportResult importGeoJson(byte[] content, Map<String, GridRef> grids, String by) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidInputException("grid.invalid.geojson");
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asString(""))
                || !root.path("features").isArray()) {
            throw new InvalidInputException("grid.invalid.geojson");
        }
        Map<Long, String> geometries = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode f : root.path("features")) {
            String code = f.path("properties").path("code").asString("").strip();
            JsonNode geometry = f.path("geometry");
            if (!validGeometry(geometry)) {
                throw new InvalidInputException("grid.invalid.geojson");
            }
            GridRef grid = grids.get(code);
            if (grid == null) {
                unknown.add(code.isEmpty() ? "?" : code);
                continue;
            }
            geometries.put(grid.id(), JSON.writeValueAsString(geometry));
        }
        for (var e : geometries.entrySet()) {
            jdbc.sql("""
                            INSERT INTO grid_boundary (grid_id, geometry, imported_at, imported_by) VALUES (?, ?::jsonb, ?, ?)
                            ON CONFLICT (grid_id) DO UPDATE SET geometry = EXCLUDED.geometry,
                                imported_at = EXCLUDED.imported_at, imported_by = EXCLUDED.imported_by""")
                    .params(e.getKey(), e.getValue(), Timestamp.from(clock.instant()), by).update();
            audit.record(AuditEntry.of("grid.boundary.import", "grid", e.getKey()));
        }
        return new ImportResult(geometries.size(), unknown);
    }

    static boolean validGeometry(JsonNode g) {
        String type = g.path("type").asString("");
        JsonNode coords = g.path("coordinates");
        int[] points = {0};
        if ("Polygon".equals(type)) {
            return polygon(coords, points);
        }
        if ("MultiPolygon".equals(type) && coords.isArray() && !coords.isEmpty()) {
            for (JsonNode p : coords) {
                if (!polygon(p, points)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean polygon(JsonNode rings, int[] points) {
        if (!rings.isArray() || rings.isEmpty()) {
            return false;
        }
        for (JsonNode ring : rings) {
            if (!ring.isArray() || ring.size() < 4) {
                return false;
            }
            for (JsonNode p : ring) {
                if (++points[0] > MAX_POINTS || !p.isArray() || p.size() < 2 || !p.get(0).isNumber()
                        || !p.get(1).isNumber()) {
                    return false;
                }
                double lon = p.get(0).asDouble(), lat = p.get(1).asDouble();
                if (lat < Coordinates.MIN_LAT || lat > Coordinates.MAX_LAT || lon < Coordinates.MIN_LON
                        || lon > Coordinates.MAX_LON) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The stored geometry of each grid that has one, as GeoJSON text. */
    public Map<Long, String> of(List<Long> gridIds) {
        Map<Long, String> out = new LinkedHashMap<>();
        if (gridIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT grid_id, geometry::text FROM grid_boundary WHERE grid_id IN (:g)").param("g", gridIds)
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getString(2));
                });
        return out;
    }
}
