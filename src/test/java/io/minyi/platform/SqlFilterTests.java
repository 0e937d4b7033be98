package io.minyi.platform;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SqlFilterTests {

    @Test
    void like_wildcards_and_the_escape_character_are_escaped() {
        assertThat(SqlFilter.escapeLike("50%_a\\b")).isEqualTo("50\\%\\_a\\\\b");
    }

    @Test
    void a_search_adds_one_parameter_per_column_and_never_puts_the_text_into_the_sql() {
        SqlFilter w = SqlFilter.scopedTo("j.path", "/1/%").contains(" 张'三 ", "o.name", "o.badge_no").status("inactive", "o.active");
        assertThat(w.sql()).doesNotContain("张").contains("o.name LIKE ? ESCAPE").contains("NOT o.active");
        assertThat(w.params()).containsExactly("/1/%", "%张'三%", "%张'三%");
    }

    @Test
    void blank_filters_add_nothing() {
        SqlFilter w = SqlFilter.empty().contains("  ", "o.name").andIf(false, "o.unit_id = ?", (Object) null).status("", "o.active");
        assertThat(w.sql()).isEqualTo(" WHERE true");
        assertThat(w.params()).isEmpty();
    }

    @Test
    void a_named_value_adds_its_condition_and_an_unrecognised_one_adds_nothing() {
        SqlFilter w = SqlFilter.empty().andPresent("u.type = ?", Optional.of("POLICE_STATION"))
                .andPresent("? = ANY(s.roles)", Optional.empty());
        assertThat(w.sql()).isEqualTo(" WHERE true AND u.type = ?");
        assertThat(w.params()).containsExactly("POLICE_STATION");
    }
}
