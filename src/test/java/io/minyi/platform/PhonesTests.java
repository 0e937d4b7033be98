package io.minyi.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One rule for phones typed by raisers, dispute parties and imported survey respondents. */
class PhonesTests {

    @Test
    void typed_phones_become_digits_or_nothing() {
        assertThat(Phones.digits("+86 138-1234 (1234)")).contains("8613812341234");
        assertThat(Phones.digits("0571 8765 4321")).contains("057187654321");
        assertThat(Phones.digits("123456")).isEmpty();
        assertThat(Phones.digits("call me")).isEmpty();
        assertThat(Phones.digits(null)).isEmpty();
    }

    @Test
    void a_mobile_shows_its_first_three_and_last_four_digits_a_landline_two_and_two() {
        assertThat(Phones.mask("13812341234")).isEqualTo("138****1234");
        assertThat(Phones.mask("87654321")).isEqualTo("87****21");
        assertThat(Phones.mask("1234")).isEqualTo("12*34");
        assertThat(Phones.mask(null)).isNull();
    }
}
