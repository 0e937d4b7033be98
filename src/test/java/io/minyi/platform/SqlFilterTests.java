package io.minyi.platform;

import org.junit.jupiter.api.Test;

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
}
