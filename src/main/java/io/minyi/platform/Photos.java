package io.minyi.platform;

import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns an uploaded "photo" into a safe one: the type is decided by its first bytes (not by its name or the header
 * the phone sent), the picture is decoded through the shared {@link ImageDecoder} (subsampled while reading, under the
 * memory budget) at most {@value #MAX_SIDE} pixels wide, and encoded as a fresh JPEG — which leaves every EXIF field,
 * GPS position included, behind. Used for residents' clue photos and grid workers' event photos alike.
 */
@Component
@RequiredArgsConstructor
public class Photos {

    public static final int MAX_SIDE = 1280;
    /** The RGB canvas the picture is redrawn on. */
    private static final int CANVAS_BYTES_PER_PIXEL = 4;

    private final ImageDecoder decoder;

    public record Photo(byte[] jpeg, int width, int height) {
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
                return Optional.of(reencode(d.image(), d.declaredWidth(), d.declaredHeight()));
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

    /** Scales to the declared proportions: subsampling rounds each side up on its own. */
    private static Photo reencode(BufferedImage source, int declaredWidth, int declaredHeight) throws IOException {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(declaredWidth, declaredHeight));
        int w = Math.max(1, (int) Math.round(declaredWidth * scale));
        int h = Math.max(1, (int) Math.round(declaredHeight * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
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
