package io.minyi.platform;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns an uploaded "photo" into a safe one: the type is decided by its first bytes (not by its name or the header
 * the phone sent), the picture is decoded through the shared {@link ImageDecoder} (subsampled while reading, under the
 * memory budget) at most {@value #MAX_SIDE} pixels on its longer side, and encoded as a fresh JPEG — which leaves every EXIF field,
 * GPS position included, behind. Used for residents' clue photos and grid workers' event photos alike.
 */
@Component
@RequiredArgsConstructor
public class Photos {

    public static final int MAX_SIDE = 1280;
    /** The canvas the picture is redrawn on: three bytes a pixel. */
    private static final int CANVAS_BYTES_PER_PIXEL = 3;

    private final ImageDecoder decoder;

    /**
     * A picture {@link #clean} made: a fresh JPEG with no metadata, at most {@value #MAX_SIDE} pixels a side. Only this
     * class makes one, so a module handed a {@code Photo} (casework, from the rating form) can store it as it is
     * instead of decoding and encoding it a second time (decision 0066).
     */
    public static final class Photo {
        private final byte[] jpeg;
        private final int width;
        private final int height;

        private Photo(byte[] jpeg, int width, int height) {
            this.jpeg = jpeg;
            this.width = width;
            this.height = height;
        }

        /** The JPEG's bytes (not to be changed: the array is the photo's own). */
        public byte[] jpeg() {
            return jpeg;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }
    }

    /**
     * @return empty when the bytes are not a JPEG, PNG or GIF picture that can be decoded
     * @throws io.minyi.platform.RefusedException 413 for a picture too large to decode, 429 when decoding is busy
     */
    public Optional<Photo> clean(byte[] upload) {
        if (upload == null || !looksLikeImage(upload)) {
            return Optional.empty();
        }
        return decoder.decode(upload, MAX_SIDE, CANVAS_BYTES_PER_PIXEL).flatMap(d -> {
            try {
                return Optional.of(reencode(d.image()));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    public static boolean looksLikeImage(byte[] b) {
        boolean jpeg = b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
        boolean png = b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        boolean gif = b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8';
        return jpeg || png || gif;
    }

    /**
     * Keeps the size the decoder subsampled to (at most {@value #MAX_SIDE} a side): stretching it back to the declared
     * proportions at {@value #MAX_SIDE} added pixels but no detail, and cost a third of the work. The canvas is the
     * byte layout the JPEG writer takes as it is; painting on white flattens a PNG's or GIF's transparency.
     */
    private static Photo reencode(BufferedImage source) throws IOException {
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(out, "jpg", bytes)) {
            throw new IOException("no JPEG writer");
        }
        return new Photo(bytes.toByteArray(), w, h);
    }
}
