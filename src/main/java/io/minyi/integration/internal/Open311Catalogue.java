package io.minyi.integration.internal;

import io.minyi.casework.CaseDigests;
import io.minyi.casework.CaseType;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Open311 services and their attributes: which kind of case each one becomes. */
@Repository
@RequiredArgsConstructor
public class Open311Catalogue {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Open311Cache cache;

    /** {@code unitName}: the unit usually responsible, reported as agency_responsible until a unit is dispatched. */
    public record Service(String code, String name, String description, String group, String keywords,
                          CaseType caseType, String category, List<Attribute> attributes, Long unitId, String unitName,
                          int sortOrder, boolean active) {
        public boolean metadata() {
            return !attributes.isEmpty();
        }

        public CaseDigests.Kind kind() {
            return new CaseDigests.Kind(caseType, category);
        }

        public boolean covers(CaseType type, String caseCategory) {
            return caseType == type && (category == null || category.equals(caseCategory));
        }
    }

    /** {@code values}: key → name, in display order, for the list types. */
    public record Attribute(String code, boolean variable, String datatype, boolean required,
                            String datatypeDescription, String description, int order, Map<String, String> values) {
        public boolean isList() {
            return datatype.endsWith("valuelist");
        }
    }

    /** The services clients may post to and that GET services lists. */
    public List<Service> active() {
        return services(true);
    }

    /** Every service, switched off ones too: a request posted before a service was switched off stays readable. */
    public List<Service> all() {
        return services(false);
    }

    private List<Service> services(boolean activeOnly) {
        Map<String, List<Attribute>> attributes = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.* FROM open311_service_attribute a JOIN open311_service s ON s.code = a.service_code
                        WHERE s.active OR NOT :activeOnly ORDER BY a.service_code, a.sort_order, a.code""")
                .param("activeOnly", activeOnly)
                .query(rs -> {
                    attributes.computeIfAbsent(rs.getString("service_code"), k -> new ArrayList<>())
                            .add(new Attribute(rs.getString("code"), rs.getBoolean("variable"),
                                    rs.getString("datatype"), rs.getBoolean("required"),
                                    rs.getString("datatype_description"), rs.getString("description"),
                                    rs.getInt("sort_order"), values(rs.getString("value_list"))));
                });
        return jdbc.sql("""
                        SELECT s.*, u.name AS unit_name FROM open311_service s LEFT JOIN org_unit u ON u.id = s.unit_id
                        WHERE s.active OR NOT :activeOnly ORDER BY s.sort_order, s.code""")
                .param("activeOnly", activeOnly)
                .query((rs, i) -> service(rs, attributes.getOrDefault(rs.getString("code"), List.of())))
                .list();
    }

    /**
     * The active service of this code with its attributes, in one round trip: every POST asks for its service, and
     * reading the whole catalogue for it (two statements and every service's value lists parsed) was a twentieth of
     * an Open311 POST's request thread (issue 11).
     */
    public Optional<Service> find(String code) {
        return cache.service(code, () -> read(code));
    }

    private Optional<Service> read(String code) {
        List<Attribute> attributes = new ArrayList<>();
        List<Service> found = new ArrayList<>();
        jdbc.sql("""
                        SELECT s.*, u.name AS unit_name, a.code AS a_code, a.variable, a.datatype, a.required,
                               a.datatype_description, a.description AS a_description, a.sort_order AS a_sort_order,
                               a.value_list
                        FROM open311_service s LEFT JOIN org_unit u ON u.id = s.unit_id
                             LEFT JOIN open311_service_attribute a ON a.service_code = s.code
                        WHERE s.code = ? AND s.active ORDER BY a.sort_order, a.code""")
                .param(code)
                .query(rs -> {
                    if (found.isEmpty()) {
                        found.add(service(rs, attributes));
                    }
                    if (rs.getString("a_code") != null) {
                        attributes.add(new Attribute(rs.getString("a_code"), rs.getBoolean("variable"),
                                rs.getString("datatype"), rs.getBoolean("required"),
                                rs.getString("datatype_description"), rs.getString("a_description"),
                                rs.getInt("a_sort_order"), values(rs.getString("value_list"))));
                    }
                });
        return found.stream().findFirst().map(s -> new Service(s.code(), s.name(), s.description(), s.group(),
                s.keywords(), s.caseType(), s.category(), List.copyOf(attributes), s.unitId(), s.unitName(),
                s.sortOrder(), s.active()));
    }

    private static Service service(java.sql.ResultSet rs, List<Attribute> attributes) throws java.sql.SQLException {
        return new Service(rs.getString("code"), rs.getString("name"), rs.getString("description"),
                rs.getString("group_name"), rs.getString("keywords"), CaseType.valueOf(rs.getString("case_type")),
                rs.getString("category"), List.copyOf(attributes), rs.getObject("unit_id", Long.class),
                rs.getString("unit_name"), rs.getInt("sort_order"), rs.getBoolean("active"));
    }

    /** The service a case is shown under: the most specific mapping (with a category) wins. */
    public static Optional<Service> serviceOf(List<Service> services, CaseType type, String category) {
        return services.stream().filter(s -> s.covers(type, category))
                .min((a, b) -> Boolean.compare(a.category() == null, b.category() == null));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> values(String json) {
        if (json == null) {
            return Map.of();
        }
        // jsonb keeps keys sorted by length then bytes; the display order is the order written, which jsonb loses,
        // so sort by key for a stable answer
        Map<String, String> m = JSON.readValue(json, LinkedHashMap.class);
        return new java.util.TreeMap<>(m);
    }
}
