package io.minyi.supervision.internal;

import org.openpdf.text.pdf.BaseFont;
import org.springframework.stereotype.Component;

import java.io.File;

/**
 * The CJK font for PDFs, loaded from the first readable path in {@code minyi.supervision.font-paths} (Debian's
 * fonts-noto-cjk by default). Without one a PDF would show empty boxes, so it fails loudly instead.
 */
@Component
public class CjkFont {

    private final SupervisionProperties props;
    private volatile BaseFont cached;

    CjkFont(SupervisionProperties props) {
        this.props = props;
    }

    public BaseFont baseFont() {
        BaseFont f = cached;
        if (f != null) {
            return f;
        }
        for (String path : props.fontPaths()) {
            if (new File(path).canRead()) {
                try {
                    String spec = path.toLowerCase().endsWith(".ttc") ? path + "," + simplifiedChineseFace(path) : path;
                    f = BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                    cached = f;
                    return f;
                } catch (Exception e) {
                    throw new IllegalStateException("CJK font at " + path + " could not be loaded: " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalStateException("No CJK font found for PDF output; looked at " + props.fontPaths()
                + ". Install fonts-noto-cjk (apt-get install fonts-noto-cjk) or set minyi.supervision.font-paths.");
    }

    /** A .ttc holds several faces (Noto CJK: JP, KR, SC, TC, HK); pick the Simplified Chinese one. */
    private static int simplifiedChineseFace(String path) throws Exception {
        String[] names = BaseFont.enumerateTTCNames(path);
        for (int i = 0; i < names.length; i++) {
            if (names[i].contains("SC")) {
                return i;
            }
        }
        return 0;
    }
}
