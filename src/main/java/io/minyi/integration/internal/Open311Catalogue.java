package io.minyi.integration.internal;

import io.minyi.casework.CaseDigests;
import io.minyi.casework.CaseType;
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
public class Open311Catalogue {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    Open311Catalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Service(String code, String name, String description, String group, String keywords,
                          CaseType caseType, String category, List<Attribute> attributes) {
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

    public List<Service> active() {
        Map<String, List<Attribute>> attributes = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.* FROM open311_service_attribute a JOIN open311_service s ON s.code = a.service_code
                        WHERE s.active ORDER BY a.service_code, a.sort_order, a.code""")
                .query(rs -> {
                    attributes.computeIfAbsent(rs.getString("service_code"), k -> new ArrayList<>())
                            .add(new Attribute(rs.getString("code"), rs.getBoolean("variable"),
                                    rs.getString("datatype"), rs.getBoolean("required"),
                                    rs.getString("datatype_description"), rs.getString("description"),
                                    rs.getInt("sort_order"), values(rs.getString("value_list"))));
                });
        return jdbc.sql("SELECT * FROM open311_service WHERE active ORDER BY sort_order, code")
                .query((rs, i) -> new Service(rs.getString("code"), rs.getString("name"), rs.getString("description"),
                        rs.getString("group_name"), rs.getString("keywords"), CaseType.valueOf(rs.getString("case_type")),
                        rs.getString("category"), List.copyOf(attributes.getOrDefault(rs.getString("code"), List.of()))))
                .list();
    }

    public Optional<Service> find(String code) {
        return active().stream().filter(s -> s.code().equals(code)).findFirst();
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
