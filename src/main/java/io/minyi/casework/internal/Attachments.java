package io.minyi.casework.internal;

import io.minyi.platform.ImageDecoder;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.Photos;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Evidence files. The type is decided by the first bytes, never by the name or the browser's claim; photos are decoded
 * and re-encoded, which drops EXIF (GPS position, camera serial) before anything is stored or shown.
 */
@Component
@RequiredArgsConstructor
public class Attachments {

    static final long MAX_BYTES = 10L * 1024 * 1024;
    /** Evidence is kept legible (a photographed document) but never larger than this a side. */
    static final int MAX_SIDE = 4096;
    /** A second canvas when an alpha channel has to be flattened for JPEG. */
    private static final int CANVAS_BYTES_PER_PIXEL = 4;

    private final BlobStore blobs;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ImageDecoder decoder;

    /** {@code uploaded_by} of the pictures the raiser attached: they may identify the raiser. */
    public static final String FROM_RAISER = "resident";

    public record Attachment(long id, long caseId, String fileName, String contentType, long size, String blobKey,
                             boolean fromRaiser) {
    }

    enum Kind {
        JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), PDF("application/pdf", "pdf");

        final String contentType;
        final String format;

        Kind(String contentType, String format) {
            this.contentType = contentType;
            this.format = format;
        }
    }

    /** Checks, cleans and stores one file; the row joins the caller's transaction. */
    public long store(long city, long caseId, String originalName, byte[] content, String uploadedBy) {
        if (content == null || content.length == 0) {
            throw new InvalidInputException("casework.invalid.fileEmpty");
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException("casework.invalid.fileTooLarge");
        }
        Kind kind = sniff(content).orElseThrow(() -> new InvalidInputException("casework.invalid.fileType"));
        byte[] clean = kind == Kind.PDF ? content : reencode(decoder, content, kind);
        return insert(city, caseId, originalName, kind, clean, uploadedBy);
    }

    /**
     * Stores a photo {@link Photos} has cleaned already (a fresh JPEG without metadata) as it is: decoding and encoding
     * it again cost the evaluation writer about 35 ms a photo and a second generation of JPEG loss (decision 0066).
     */
    public long storeCleaned(long city, long caseId, String originalName, Photos.Photo photo, String uploadedBy) {
        return insert(city, caseId, originalName, Kind.JPEG, photo.jpeg(), uploadedBy);
    }

    private long insert(long city, long caseId, String originalName, Kind kind, byte[] clean, String uploadedBy) {
        String name = safeName(originalName, kind);
        // The blob is written before the row commits: a rollback leaves an unreferenced file, never a dangling row.
        String key = blobs.put(clean);
        return jdbc.sql("""
                        INSERT INTO case_attachment (case_id, city_id, blob_key, file_name, content_type, size_bytes,
                            sha256, uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(caseId, city, key, name, kind.contentType, clean.length, sha256(clean), uploadedBy,
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    public List<Attachment> ofCase(long caseId) {
        return jdbc.sql("SELECT id, case_id, file_name, content_type, size_bytes, blob_key, uploaded_by "
                        + "FROM case_attachment WHERE case_id = ? ORDER BY id").param(caseId)
                .query((rs, i) -> new Attachment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), FROM_RAISER.equals(rs.getString(7)))).list();
    }

    public Optional<Attachment> find(long caseId, long id) {
        return ofCase(caseId).stream().filter(a -> a.id() == id).findFirst();
    }

    public Optional<byte[]> content(Attachment a) {
        return blobs.get(a.blobKey());
    }

    static Optional<Kind> sniff(byte[] b) {
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(Kind.JPEG);
        }
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(Kind.PNG);
        }
        if (starts(b, '%', 'P', 'D', 'F', '-')) {
            return Optional.of(Kind.PDF);
        }
        return Optional.empty();
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes (through the shared {@link ImageDecoder}: subsampled to at most {@value #MAX_SIDE} pixels a side while
     * reading, within the memory budget) and re-encodes the pixels only; metadata does not survive.
     */
    static byte[] reencode(ImageDecoder decoder, byte[] content, Kind kind) {
        BufferedImage image = decoder.decode(content, MAX_SIDE, CANVAS_BYTES_PER_PIXEL)
                .orElseThrow(() -> new InvalidInputException("casework.invalid.imageBroken")).image();
        try {
            if (kind == Kind.JPEG && image.getColorModel().hasAlpha()) {
                BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
                rgb.createGraphics().drawImage(image, 0, 0, null);
                image = rgb;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, kind.format, out)) {
                throw new InvalidInputException("casework.invalid.fileType");
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException("casework.invalid.imageBroken");
        }
    }

    private static String safeName(String name, Kind kind) {
        String base = name == null ? "" : name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        if (base.isEmpty()) {
            base = "file";
        }
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        String ext = "." + kind.format;
        return base.toLowerCase().endsWith(ext) || kind == Kind.JPEG && base.toLowerCase().endsWith(".jpeg")
                ? base : base + ext;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
