package io.minyi.evaluation.internal;

import io.minyi.platform.RefusedException;
import org.openpdf.text.pdf.BaseFont;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.File;

/**
 * The CJK font posters are set in. Looked for along {@code minyi.evaluation.pdf-fonts} ("file,index;file,index",
 * the index picking a face inside a .ttc collection); without one the PDFs would print empty boxes, so asking for a
 * poster then fails with a message that says what to install.
 */
@Component
public class PdfFonts {

    private static final Logger log = LoggerFactory.getLogger(PdfFonts.class);

    private final String searchList;
    private volatile BaseFont font;

    PdfFonts(EvaluationProperties properties) {
        this.searchList = properties.pdfFonts() == null ? "" : properties.pdfFonts();
    }

    public BaseFont cjk() {
        BaseFont f = font;
        if (f == null) {
            synchronized (this) {
                if (font == null) {
                    font = load();
                }
                f = font;
            }
        }
        return f;
    }

    private BaseFont load() {
        for (String entry : searchList.split(";")) {
            String spec = entry.strip();
            if (spec.isEmpty()) {
                continue;
            }
            String path = spec.contains(",") ? spec.substring(0, spec.lastIndexOf(',')) : spec;
            if (!new File(path).isFile()) {
                continue;
            }
            try {
                return BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            } catch (Exception e) {
                log.warn("font {} cannot be used: {}", spec, e.toString());
            }
        }
        log.error("No CJK font found for posters. Install Debian package fonts-noto-cjk or set minyi.evaluation.pdf-fonts; searched: {}", searchList);
        throw new RefusedException("evaluation.pdf.noFont", 503);
    }
}
