package io.minyi.platform;

import org.openpdf.text.Document;
import org.openpdf.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;

/** A PDF made in memory: the document opened, filled by the caller, closed (also when filling fails), its bytes. */
public final class Pdf {

    /** What fills the document. */
    @FunctionalInterface
    public interface Content {
        void write(Document doc);
    }

    private Pdf() {
    }

    /** {@code doc} (its page size and margins set) written with {@code content}. */
    public static byte[] write(Document doc, Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfWriter.getInstance(doc, out);
        doc.open();
        try {
            content.write(doc);
        } finally {
            doc.close();
        }
        return out.toByteArray();
    }
}
