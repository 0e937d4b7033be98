package io.minyi.grid.internal;

import io.minyi.platform.PageResult;
import io.minyi.platform.SqlFilter;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Households (户) and buildings/sites of a grid. The ID number of a household head never reaches the database in
 * clear: a mask for the eye and a hash to recognise the same person on a re-import.
 */
@Repository
@RequiredArgsConstructor
public class Households {

    private final JdbcClient jdbc;

    public record Household(long id, long gridId, Long buildingId, String buildingName, String address,
                            String headName, String idMasked, String phoneMasked, Integer members, String careKind,
                            Double lat, Double lon, java.time.LocalDate lastVisit) {
    }

    public record Building(long id, long gridId, String name, String kind, boolean keyPlace, Double lat, Double lon) {
    }

    private static final String SELECT = """
            SELECT h.id, h.grid_id, h.building_id, b.name AS building_name, h.address, h.head_name, h.id_masked,
                   h.phone_masked, h.members, h.care_kind, h.lat, h.lon,
                   (SELECT max(v.visited_on) FROM grid_visit v WHERE v.household_id = h.id) AS last_visit
            FROM grid_household h LEFT JOIN grid_building b ON b.id = h.building_id
            """;

    private static final String ORDER = "h.grid_id, h.address, h.id";
    private static final String COUNT = """
            SELECT count(*) FROM grid_household h LEFT JOIN grid_building b ON b.id = h.building_id
            """;

    private static Household household(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Household(rs.getLong("id"), rs.getLong("grid_id"), (Long) rs.getObject("building_id"),
                rs.getString("building_name"), rs.getString("address"), rs.getString("head_name"),
                rs.getString("id_masked"), rs.getString("phone_masked"), (Integer) rs.getObject("members"),
                rs.getString("care_kind"), (Double) rs.getObject("lat"), (Double) rs.getObject("lon"),
                rs.getObject("last_visit", java.time.LocalDate.class));
    }

    /**
     * The households of a worker's grids for reading on the phone, or with {@code dueOn} only those due for a visit
     * that day: one audit event per grid viewed.
     */
    @org.springframework.transaction.annotation.Transactional
    public PageResult<Household> viewedBy(List<Long> gridIds, @Nullable String q, java.time.@Nullable LocalDate dueOn,
                                          @Nullable Integer page, io.minyi.audit.AuditTrail audit) {
        String text = new HouseholdSearch(q, null, null, page).text();
        if (text != null && text.length() > HouseholdSearch.MAX_QUERY) {
            throw new io.minyi.platform.InvalidInputException("grid.households.queryTooLong");
        }
        for (Long g : gridIds) {
            audit.record(io.minyi.audit.AuditEntry.of("grid.household.view", "grid", g));
        }
        // a worker's grids hold hundreds of households: a phone screen shows a page of them, the rest a search away
        // with dueOn, only the households due for a visit that day, most overdue first (the home page's to-do)
        SqlFilter where = dueOn == null ? where(gridIds, text, null) : due(where(gridIds, text, null), dueOn);
        String order = dueOn == null ? ORDER : DUE_ORDER;
        PageResult<Household> shown = where.page(jdbc, COUNT, SELECT, order, Households::household,
                PageResult.Request.of(page, PHONE_PAGE));
        return shown.page() > shown.pages() ? where.page(jdbc, COUNT, SELECT, order, Households::household,
                PageResult.Request.of(shown.pages(), PHONE_PAGE)) : shown;
    }

    static final int PHONE_PAGE = 50;

    public List<Household> ofGrids(List<Long> gridIds, int limit) {
        if (gridIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " WHERE h.grid_id IN (:g) ORDER BY h.grid_id, h.address LIMIT :limit")
                .param("g", gridIds).param("limit", limit).query(Households::household).list();
    }

    /**
     * One page of the households of {@code gridIds} whose head's name, address or building contains {@code text}
     * (as typed: {@code %} and {@code _} match themselves), of one care kind if given.
     */
    public PageResult<Household> page(List<Long> gridIds, @Nullable String text, @Nullable String careKind,
                                      PageResult.Request page) {
        return where(gridIds, text, careKind).page(jdbc, COUNT, SELECT, ORDER, Households::household, page);
    }

    /** The first {@code limit} of what {@link #page} pages through, for an export. */
    public List<Household> all(List<Long> gridIds, @Nullable String text, @Nullable String careKind, int limit) {
        SqlFilter where = where(gridIds, text, careKind);
        return jdbc.sql(SELECT + where.sql() + " ORDER BY " + ORDER + " LIMIT ?").params(where.paramsWith(limit))
                .query(Households::household).list();
    }

    private static SqlFilter where(List<Long> gridIds, @Nullable String text, @Nullable String careKind) {
        return SqlFilter.empty().and("h.grid_id = ANY(?)", (Object) gridIds.toArray(Long[]::new))
                .contains(text, "h.head_name", "h.address", "b.name")
                .andIf(careKind != null, "h.care_kind = ?", careKind);
    }

    public Optional<Household> inGrid(long id, long gridId) {
        return jdbc.sql(SELECT + " WHERE h.id = ? AND h.grid_id = ?").params(id, gridId).query(Households::household)
                .optional();
    }

    /** The household of a grid at an address: the pair a sheet and the form name a household by. */
    public Optional<Household> at(long gridId, String address) {
        return jdbc.sql(SELECT + " WHERE h.grid_id = ? AND h.address = ?").params(gridId, address)
                .query(Households::household).optional();
    }

    public Optional<Household> byId(long id) {
        return jdbc.sql(SELECT + " WHERE h.id = ?").param(id).query(Households::household).optional();
    }

    public List<Building> buildingsOf(List<Long> gridIds) {
        if (gridIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, grid_id, name, kind, key_place, lat, lon FROM grid_building WHERE grid_id IN (:g) ORDER BY grid_id, name")
                .param("g", gridIds).query((rs, i) -> new Building(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5), (Double) rs.getObject(6), (Double) rs.getObject(7)))
                .list();
    }

    public Optional<Building> buildingInGrid(long id, long gridId) {
        return buildingsOf(List.of(gridId)).stream().filter(b -> b.id() == id).findFirst();
    }

    /**
     * Visits due (四必访: monthly for the cared-for groups, twice a year for the rest): no visit since the cycle's
     * start. One definition for the home's list, its count on the staff home page and the households page's filter.
     */
    private static final String DUE = "NOT EXISTS (SELECT 1 FROM grid_visit v WHERE v.household_id = h.id"
            + " AND v.visited_on >= CASE WHEN h.care_kind = 'ORDINARY' THEN ? ELSE ? END)";
    /** The cared-for groups first, then the longest without a visit. */
    private static final String DUE_ORDER = "h.care_kind = 'ORDINARY', last_visit NULLS FIRST, h.id";

    private static SqlFilter due(SqlFilter where, java.time.LocalDate today) {
        return where.and(DUE, today.minusMonths(6), today.minusMonths(1));
    }

    /** The first {@code limit} households due for a visit, most overdue first. */
    public List<Household> visitsDue(List<Long> gridIds, java.time.LocalDate today, int limit) {
        if (gridIds.isEmpty()) {
            return List.of();
        }
        SqlFilter where = due(where(gridIds, null, null), today);
        return jdbc.sql(SELECT + where.sql() + " ORDER BY " + DUE_ORDER + " LIMIT ?").params(where.paramsWith(limit))
                .query(Households::household).list();
    }

    /** How many households of {@code gridIds} are due for a visit. */
    public long visitsDueCount(List<Long> gridIds, java.time.LocalDate today) {
        if (gridIds.isEmpty()) {
            return 0;
        }
        SqlFilter where = due(where(gridIds, null, null), today);
        return jdbc.sql(COUNT + where.sql()).params(where.params()).query(Long.class).single();
    }

    public record NewHousehold(long gridId, String path, String buildingName, String address, String headName,
                               String idNumber, String phone, Integer members, String careKind, Double lat,
                               Double lon) {
    }

    /**
     * Inserts or updates by (grid, address); an ID or phone number given as the mask an export wrote keeps the stored
     * one. @return true when a new household was added
     */
    public boolean upsert(NewHousehold h) {
        boolean keepId = HouseholdFields.masked(h.idNumber());
        boolean keepPhone = HouseholdFields.masked(h.phone());
        Long building = h.buildingName() == null ? null : jdbc.sql("""
                        INSERT INTO grid_building (grid_id, path, name) VALUES (?,?,?)
                        ON CONFLICT (grid_id, name, city_id) DO UPDATE SET path = EXCLUDED.path RETURNING id""")
                .params(h.gridId(), h.path(), h.buildingName()).query(Long.class).single();
        return jdbc.sql("""
                        INSERT INTO grid_household (grid_id, path, building_id, address, head_name, id_masked, id_hash,
                            phone_masked, members, care_kind, lat, lon)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                        ON CONFLICT (grid_id, address, city_id) DO UPDATE SET building_id = EXCLUDED.building_id,
                            head_name = EXCLUDED.head_name,
                            id_masked = CASE WHEN ? THEN grid_household.id_masked ELSE EXCLUDED.id_masked END,
                            id_hash = CASE WHEN ? THEN grid_household.id_hash ELSE EXCLUDED.id_hash END,
                            phone_masked = CASE WHEN ? THEN grid_household.phone_masked ELSE EXCLUDED.phone_masked END,
                            members = EXCLUDED.members, care_kind = EXCLUDED.care_kind,
                            lat = coalesce(EXCLUDED.lat, grid_household.lat),
                            lon = coalesce(EXCLUDED.lon, grid_household.lon)
                        RETURNING (xmax = 0)""")
                .params(h.gridId(), h.path(), building, h.address(), h.headName(), keepId ? null : maskId(h.idNumber()),
                        keepId ? null : hash(h.idNumber()), keepPhone ? null : maskPhone(h.phone()), h.members(),
                        h.careKind(), h.lat(), h.lon(), keepId, keepId, keepPhone)
                .query(Boolean.class).single();
    }

    /** A building or site with its position (a key place is one the worker checks on every round). */
    public long placeBuilding(long gridId, String path, String name, String kind, boolean keyPlace, Coordinates at) {
        return jdbc.sql("""
                        INSERT INTO grid_building (grid_id, path, name, kind, key_place, lat, lon) VALUES (?,?,?,?,?,?,?)
                        ON CONFLICT (grid_id, name, city_id) DO UPDATE SET kind = EXCLUDED.kind,
                            key_place = EXCLUDED.key_place, lat = EXCLUDED.lat, lon = EXCLUDED.lon RETURNING id""")
                .params(gridId, path, name, kind, keyPlace, at == null ? null : at.lat(), at == null ? null : at.lon())
                .query(Long.class).single();
    }

    public long countInScope(GridScope.Scope scope) {
        return jdbc.sql("SELECT count(*) FROM grid_household h WHERE " + scope.sql("h")).params(scope.params())
                .query(Long.class).single();
    }

    static String maskId(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        String s = id.strip();
        return s.length() <= 8 ? "*".repeat(s.length()) : s.substring(0, 3) + "*".repeat(s.length() - 7)
                + s.substring(s.length() - 4);
    }

    static String maskPhone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String s = phone.replaceAll("[^0-9]", "");
        return s.length() < 7 ? "****" : s.substring(0, 3) + "****" + s.substring(s.length() - 4);
    }

    static String hash(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("minyi-household:" + id.strip().toUpperCase()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
