package io.minyi.casework.internal;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RaiserCryptoTests {

    private final RaiserCrypto crypto = new RaiserCrypto(Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void a_phone_is_stored_unreadable_and_comes_back_whole() {
        String stored = crypto.encrypt("13812341234");
        assertThat(stored).doesNotContain("1234");
        assertThat(crypto.encrypt("13812341234")).as("a fresh nonce every time").isNotEqualTo(stored);
        assertThat(crypto.decrypt(stored)).isEqualTo("13812341234");
    }

    @Test
    void the_same_phone_gives_the_same_raiser_key_and_another_key_gives_another() {
        assertThat(crypto.raiserKey("13812341234")).isEqualTo(crypto.raiserKey("13812341234"))
                .isNotEqualTo(crypto.raiserKey("13812341235")).doesNotContain("1381234");
        RaiserCrypto other = new RaiserCrypto(Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8,
                9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
        assertThat(other.raiserKey("13812341234")).isNotEqualTo(crypto.raiserKey("13812341234"));
    }

    @Test
    void phones_and_names_are_masked_for_display() {
        assertThat(RaiserCrypto.maskPhone(RaiserCrypto.normalizePhone("138 1234-1234"))).isEqualTo("138****1234");
        assertThat(RaiserCrypto.maskPhone("87654321")).isEqualTo("87****21");
        assertThat(RaiserCrypto.maskName("张三丰")).isEqualTo("张**");
        assertThatThrownBy(() -> RaiserCrypto.normalizePhone("call me")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_key_of_the_wrong_length_stops_the_start() {
        assertThatThrownBy(() -> new RaiserCrypto(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
