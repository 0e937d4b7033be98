package io.minyi.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CityKeyTests {

    @Test
    void the_city_is_the_first_segment_of_the_path() {
        assertThat(CityKey.of("/1/")).isEqualTo(1);
        assertThat(CityKey.of("/12/345/6789/10111/")).isEqualTo(12);
        assertThat(CityKey.of("/9007199254740993/7/")).isEqualTo(9007199254740993L);
    }

    @Test
    void anything_else_is_refused() {
        for (String bad : new String[]{"/", "//", "12/34/", "", "/x/", "/-1/"}) {
            assertThatThrownBy(() -> CityKey.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
