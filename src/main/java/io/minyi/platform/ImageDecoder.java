package io.minyi.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place where uploaded pictures are decoded, so that a small file cannot take the heap: a 170 KB PNG may
 * declare 6320×6320 pixels, 160 MB once decoded. Dimensions are read from the header first; the picture is decoded
 * with subsampling straight to the size that will be kept (never at full size), and every decode in flight reserves
 * its estimated memory from one shared budget. Beyond the budget a decode waits briefly, then is refused with 429;
 * a picture that could never fit is refused with 413.
 */
@Component
public class ImageDecoder {

    /** Message keys (bundle {@code messages/platform}). */
    public static final String TOO_LARGE = "platform.image.tooLarge";
    public static final String BUSY = "platform.image.busy";

    private static final long KIB = 1024;

    private final long maxPixels;
    private final Semaphore budget;
    private final int budgetKib;
    private final Duration wait;
    private final AtomicLong inFlightKib = new AtomicLong();
    private final AtomicLong peakKib = new AtomicLong();

    public ImageDecoder(@Value("${minyi.images.max-pixels:40000000}") long maxPixels,
                        @Value("${minyi.images.decode-budget:128MB}") org.springframework.util.unit.DataSize budget,
                        @Value("${minyi.images.decode-wait:2s}") Duration wait) {
        this.maxPixels = maxPixels;
        this.budgetKib = (int) Math.min(Integer.MAX_VALUE, budget.toBytes() / KIB);
        this.budget = new Semaphore(budgetKib, true);
        this.wait = wait;
    }

    /** A decoded picture no longer on either side than asked, and the size its header declared. */
    public record Decoded(BufferedImage image, int declaredWidth, int declaredHeight) {
    }

    /**
     * Decodes the first picture in {@code bytes} at most {@code maxSide} pixels on its longer side.
     *
     * @param extraBytesPerPixel memory the caller will need per kept pixel after decoding (a canvas to redraw on,
     *                           say), reserved with the decode so that the whole job counts against the budget
     * @return empty when the bytes are not a picture any installed reader can decode
     * @throws RefusedException 413 when the header declares more than the configured pixel count, 429 when the
     *                          budget stays exhausted for the configured wait
     */
    public Optional<Decoded> decode(byte[] bytes, int maxSide, int extraBytesPerPixel) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    return Optional.empty();
                }
                if ((long) width * height > maxPixels) {
                    throw new RefusedException(TOO_LARGE, 413);
                }
                int step = subsampling(width, height, maxSide);
                long keptPixels = (long) ceilDiv(width, step) * ceilDiv(height, step);
                // the reader also holds a couple of full-width rows of the source while it subsamples
                long bytesNeeded = keptPixels * (bytesPerPixel(reader) + extraBytesPerPixel)
                        + 4L * width * bytesPerPixel(reader);
                int kib = (int) Math.max(1, ceilDiv(bytesNeeded, KIB));
                if (kib > budgetKib) {
                    throw new RefusedException(TOO_LARGE, 413);
                }
                if (!budget.tryAcquire(kib, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new RefusedException(BUSY, 429);
                }
                try {
                    peakKib.accumulateAndGet(inFlightKib.addAndGet(kib), Math::max);
                    ImageReadParam param = reader.getDefaultReadParam();
                    param.setSourceSubsampling(step, step, 0, 0);
                    return Optional.of(new Decoded(reader.read(0, param), width, height));
                } finally {
                    inFlightKib.addAndGet(-kib);
                    budget.release(kib);
                }
            } finally {
                reader.dispose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException(BUSY, 429);
        } catch (IOException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                 | ArithmeticException | NegativeArraySizeException e) {
            return Optional.empty();
        }
    }

    /** The largest memory reserved by decodes in flight at one time since start, in bytes; never above the budget. */
    public long peakReservedBytes() {
        return peakKib.get() * KIB;
    }

    public long budgetBytes() {
        return budgetKib * KIB;
    }

    static int subsampling(int width, int height, int maxSide) {
        return Math.max(1, ceilDiv(Math.max(width, height), maxSide));
    }

    private static int bytesPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            return 8;
        }
        SampleModel model = type.getSampleModel(1, 1);
        int bits = 0;
        for (int size : model.getSampleSize()) {
            bits += size;
        }
        // samples narrower than a byte are still stored a byte or an int apiece by most rasters
        return Math.max(4, (bits + 7) / 8);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
