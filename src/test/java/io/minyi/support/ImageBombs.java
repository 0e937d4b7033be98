package io.minyi.support;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Decompression bombs for tests: a valid RGB PNG of the given size whose rows are all one colour, so that it weighs a
 * few hundred kilobytes but decodes to width × height × 3 bytes. Written by hand (streamed through a deflater) so the
 * test never holds the decoded picture itself.
 */
public final class ImageBombs {

    private ImageBombs() {
    }

    public static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[]{8, 2, 0, 0, 0}); // 8 bits, RGB, deflate, no filter method, not interlaced
            chunk(file, "IHDR", ihdr.toByteArray());
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
                byte[] row = new byte[1 + width * 3];
                for (int i = 1; i < row.length; i++) {
                    row[i] = (byte) 0x7F;
                }
                for (int y = 0; y < height; y++) {
                    z.write(row);
                }
            } finally {
                deflater.end();
            }
            chunk(file, "IDAT", idat.toByteArray());
            chunk(file, "IEND", new byte[0]);
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream file, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(file);
        out.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
