package io.minyi.platform;

import io.minyi.support.ImageBombs;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageDecoderTests {

    private static final byte[] BOMB = ImageBombs.png(6320, 6320);

    @Test
    void a_small_file_declaring_40_million_pixels_is_decoded_subsampled_to_the_kept_size() {
        assertThat(BOMB.length).isLessThan(400_000);
        ImageDecoder decoder = new ImageDecoder(40_000_000, DataSize.ofMegabytes(32), Duration.ZERO);
        ImageDecoder.Decoded d = decoder.decode(BOMB, 1280, 4).orElseThrow();
        assertThat(d.declaredWidth()).isEqualTo(6320);
        assertThat(d.image().getWidth()).isLessThanOrEqualTo(1280);
        assertThat(d.image().getHeight()).isLessThanOrEqualTo(1280);
        // the full decode would reserve 6320 × 6320 × 4 bytes = 160 MB; subsampled it is a few megabytes
        assertThat(decoder.peakReservedBytes()).isLessThan(16L << 20);
    }

    @Test
    void a_picture_declaring_more_pixels_than_allowed_is_refused_413_before_decoding() {
        ImageDecoder decoder = new ImageDecoder(40_000_000, DataSize.ofMegabytes(32), Duration.ZERO);
        assertThatThrownBy(() -> decoder.decode(ImageBombs.png(12_000, 12_000), 4096, 4))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo(ImageDecoder.TOO_LARGE);
                });
        assertThat(decoder.peakReservedBytes()).isZero();
    }

    @Test
    void decodes_in_flight_beyond_the_shared_budget_are_refused_429_and_the_budget_is_never_exceeded() throws Exception {
        ImageDecoder decoder = new ImageDecoder(40_000_000, DataSize.ofMegabytes(30), Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<String> job = () -> {
                    try {
                        return decoder.decode(BOMB, 1280, 4).isPresent() ? "decoded" : "empty";
                    } catch (RefusedException e) {
                        return String.valueOf(e.status());
                    }
                };
                results.add(pool.submit(job));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsOnly("decoded", "429").contains("decoded");
            assertThat(decoder.peakReservedBytes()).isLessThanOrEqualTo(decoder.budgetBytes());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void something_that_is_not_a_picture_is_empty_not_an_error() {
        ImageDecoder decoder = new ImageDecoder(40_000_000, DataSize.ofMegabytes(32), Duration.ZERO);
        assertThat(decoder.decode("<?php ?>".getBytes(), 1280, 4)).isEmpty();
        assertThat(decoder.decode(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}, 1280, 4)).isEmpty();
    }
}
