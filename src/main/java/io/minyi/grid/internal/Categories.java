package io.minyi.grid.internal;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** The grid-event taxonomy (网格事项清单), kept in a table so a city can change it without a release. */
@Component
@RequiredArgsConstructor
public class Categories {

    private final JdbcClient jdbc;

    public record Category(String code, String label, String labelEn, String caseCategory) {
        public String label(java.util.Locale locale) {
            return "en".equals(locale.getLanguage()) ? labelEn : label;
        }
    }

    public List<Category> active() {
        return jdbc.sql("SELECT code, label, label_en, case_category FROM grid_event_category WHERE active ORDER BY sort, code")
                .query(Category.class).list();
    }

    public Optional<Category> activeByCode(String code) {
        return jdbc.sql("SELECT code, label, label_en, case_category FROM grid_event_category WHERE active AND code = ?")
                .param(code).query(Category.class).optional();
    }

    public String labelOf(String code) {
        return jdbc.sql("SELECT label FROM grid_event_category WHERE code = ?").param(code).query(String.class)
                .optional().orElse(code);
    }
}
