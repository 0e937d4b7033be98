package io.minyi.platform;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * Turns an uploaded "photo" into a safe one: the type is decided by its first bytes (not by its name or the header
 * the phone sent), the picture is decoded and drawn again at most {@value #MAX_SIDE} pixels wide, and encoded as a
 * fresh JPEG — which leaves every EXIF field, GPS position included, behind. Used for residents' clue photos and
 * grid workers' event photos alike.
 */
public final class Photos {

    public static final int MAX_SIDE = 1280;
    /** Refuse decompression bombs before allocating their pixels. */
    static final long MAX_PIXELS = 40_000_000L;

    private Photos() {
    }

    public record Photo(byte[] jpeg, int width, int height) {
    }

    /** @return empty when the bytes are not a JPEG, PNG or GIF picture that can be decoded */
    public static Optional<Photo> clean(byte[] upload) {
        if (upload == null || !looksLikeImage(upload)) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_PIXELS) {
                    return Optional.empty();
                }
                BufferedImage source = reader.read(0);
                return Optional.of(reencode(source));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean looksLikeImage(byte[] b) {
        boolean jpeg = b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
        boolean png = b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        boolean gif = b.length > 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8';
        return jpeg || png || gif;
    }

    private static Photo reencode(BufferedImage source) throws IOException {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
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
