package io.minyi.grid.internal;

import io.minyi.platform.InvalidInputException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridPartsTests {

    @Test
    void a_point_outside_china_or_half_a_point_is_refused() {
        assertThat(new Coordinates(30.6, 114.3).lat()).isEqualTo(30.6);
        assertThatThrownBy(() -> new Coordinates(0, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Coordinates(114.3, 30.6)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Coordinates.ofNullable(30.6, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Coordinates.ofNullable(Double.NaN, 114.3)).isInstanceOf(InvalidInputException.class);
        assertThat(Coordinates.ofNullable(null, null)).isNull();
    }

    @Test
    void id_numbers_and_phones_are_masked_and_hashed_never_kept() {
        assertThat(Households.maskId("420102198001011234")).isEqualTo("420***********1234");
        assertThat(Households.maskId("12345")).isEqualTo("*****");
        assertThat(Households.maskPhone("139 0000 1200")).isEqualTo("139****1200");
        assertThat(Households.hash("420102198001011234x")).isEqualTo(Households.hash(" 420102198001011234X "))
                .doesNotContain("1234").hasSize(64);
        assertThat(Households.maskId(null)).isNull();
    }

    @Test
    void only_closed_polygons_inside_china_are_boundaries() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(Boundaries.validGeometry(json.readTree("""
                {"type":"Polygon","coordinates":[[[114.3,30.6],[114.31,30.6],[114.31,30.61],[114.3,30.6]]]}"""))).isTrue();
        assertThat(Boundaries.validGeometry(json.readTree("""
                {"type":"MultiPolygon","coordinates":[[[[114.3,30.6],[114.31,30.6],[114.31,30.61],[114.3,30.6]]]]}"""))).isTrue();
        assertThat(Boundaries.validGeometry(json.readTree("""
                {"type":"Polygon","coordinates":[[[2.3,48.8],[2.4,48.8],[2.4,48.9],[2.3,48.8]]]}"""))).isFalse();
        assertThat(Boundaries.validGeometry(json.readTree("""
                {"type":"Polygon","coordinates":[[[114.3,30.6],[114.31,30.6]]]}"""))).isFalse();
        assertThat(Boundaries.validGeometry(json.readTree("""
                {"type":"Point","coordinates":[114.3,30.6]}"""))).isFalse();
        assertThat(Boundaries.validGeometry(json.readTree("""
                {"type":"Polygon","coordinates":[[["a",30.6],[114.31,30.6],[114.31,30.61],[114.3,30.6]]]}"""))).isFalse();
    }

    @Test
    void draft_keys_are_plain_and_bounded() {
        assertThat(DraftKey.PATTERN.matcher("0f8c2d0e-6a7b-4c1d-9e2f-123456789abc").matches()).isTrue();
        assertThat(DraftKey.PATTERN.matcher("short").matches()).isFalse();
        assertThat(DraftKey.PATTERN.matcher("x".repeat(65)).matches()).isFalse();
        assertThat(DraftKey.PATTERN.matcher("abc'; DROP TABLE--").matches()).isFalse();
    }
}
