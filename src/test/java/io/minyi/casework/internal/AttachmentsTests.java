package io.minyi.casework.internal;

import io.minyi.platform.ImageDecoder;
import io.minyi.platform.InvalidInputException;
import org.springframework.util.unit.DataSize;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttachmentsTests {

    private static final ImageDecoder DECODER = new ImageDecoder(40_000_000, DataSize.ofMegabytes(64), Duration.ofSeconds(1));

    @Test
    void the_type_is_judged_by_the_first_bytes_not_by_the_name() throws Exception {
        assertThat(Attachments.sniff(jpeg())).contains(Attachments.Kind.JPEG);
        assertThat(Attachments.sniff("%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII))).contains(Attachments.Kind.PDF);
        assertThat(Attachments.sniff("MZ\u0090\u0000 a windows program".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(Attachments.sniff("<html><script>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void a_photo_loses_its_exif_location_when_it_is_re_encoded() throws Exception {
        byte[] withExif = withExifSegment(jpeg());
        assertThat(new String(withExif, StandardCharsets.ISO_8859_1)).contains("Exif").contains("GPSLatitude");
        byte[] clean = Attachments.reencode(DECODER, withExif, Attachments.Kind.JPEG);
        String text = new String(clean, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif").doesNotContain("GPSLatitude");
        BufferedImage back = ImageIO.read(new java.io.ByteArrayInputStream(clean));
        assertThat(back.getWidth()).isEqualTo(64);
    }

    @Test
    void a_broken_image_is_refused_with_a_message_not_a_crash() {
        byte[] broken = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2};
        assertThatThrownBy(() -> Attachments.reencode(DECODER, broken, Attachments.Kind.JPEG))
                .isInstanceOf(InvalidInputException.class);
    }

    static byte[] jpeg() throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        img.setRGB(10, 10, 0x00ff00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    /** Puts an APP1 "Exif" segment (with a fake GPS tag name in it) right after the JPEG's start-of-image marker. */
    static byte[] withExifSegment(byte[] jpeg) {
        byte[] payload = "Exif\0\0MM\0*GPSLatitude=30.5928N;GPSLongitude=114.3055E".getBytes(StandardCharsets.ISO_8859_1);
        int len = payload.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(len >> 8);
        out.write(len & 0xFF);
        out.write(payload, 0, payload.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
