package io.minyi.evaluation.internal;

import io.minyi.platform.Photos;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationPartsTests {

    private static final Photos PHOTOS = new Photos(new io.minyi.platform.ImageDecoder(40_000_000,
            org.springframework.util.unit.DataSize.ofMegabytes(64), java.time.Duration.ofSeconds(1)));

    @Test
    void a_file_that_is_not_a_picture_is_refused_whatever_its_name() {
        assertThat(PHOTOS.clean("<?php system($_GET['c']); ?>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(PHOTOS.clean(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3})).isEmpty();
        assertThat(PHOTOS.clean(new byte[0])).isEmpty();
    }

    @Test
    void a_large_photo_is_scaled_down_and_reencoded_as_jpeg() throws Exception {
        BufferedImage big = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(big, "png", png);
        Photos.Photo photo = PHOTOS.clean(png.toByteArray()).orElseThrow();
        // subsampled by 3 while decoding: the longer side within the limit, the proportions kept, no stretching back
        assertThat(photo.width()).isEqualTo(1000);
        assertThat(photo.height()).isEqualTo(667);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(photo.jpeg())).getWidth()).isEqualTo(1000);
        assertThat(photo.jpeg()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(photo.jpeg()[1] & 0xFF).isEqualTo(0xD8);
    }

    @Test
    void an_address_is_refused_once_its_bucket_is_empty_and_others_are_not_affected() {
        RateLimits limits = new RateLimits(new EvaluationProperties(List.of(), List.of(),
                new EvaluationProperties.RateLimit(3, Duration.ofMinutes(1), 2, Duration.ofHours(1)),
                new EvaluationProperties.Stuffing(3, 3, 50), null, "k"));
        assertThat(limits.allowAddress("10.0.0.1")).isTrue();
        assertThat(limits.allowAddress("10.0.0.1")).isTrue();
        assertThat(limits.allowAddress("10.0.0.1")).isTrue();
        assertThat(limits.allowAddress("10.0.0.1")).isFalse();
        assertThat(limits.allowAddress("10.0.0.2")).isTrue();
        assertThat(limits.allowPhone("p1")).isTrue();
        assertThat(limits.allowPhone("p1")).isTrue();
        assertThat(limits.allowPhone("p1")).isFalse();
        assertThat(limits.allowPhone(null)).isTrue();
    }

    @Test
    void ratings_are_stored_as_json_in_a_stable_order() {
        assertThat(SubmissionBatches.json(Map.of("team", Rating.DISSATISFIED, "duty", Rating.SATISFIED)))
                .isEqualTo("{\"duty\":\"SATISFIED\",\"team\":\"DISSATISFIED\"}");
        assertThat(SubmissionBatches.json(Map.of())).isEqualTo("{}");
    }

    @Test
    void source_keys_are_stable_and_differ_by_kind() {
        SourceKeys keys = new SourceKeys(new EvaluationProperties(List.of(), List.of(), null, null, null, "secret"));
        assertThat(keys.of("phone", "13800138000")).isEqualTo(keys.of("phone", "13800138000")).hasSize(24)
                .isNotEqualTo(keys.of("device", "13800138000"));
        assertThat(keys.of("phone", null)).isNull();
    }
}
