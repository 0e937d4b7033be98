package io.minyi.reporting.internal;

import org.openpdf.text.pdf.BaseFont;
import org.springframework.stereotype.Component;

import java.io.File;

/** The CJK font for report PDFs (first readable path of minyi.reporting.font-paths); fails clearly without one. */
@Component
class ReportFont {

    private final ReportingProperties props;
    private volatile BaseFont cached;

    ReportFont(ReportingProperties props) {
        this.props = props;
    }

    BaseFont baseFont() {
        if (cached != null) {
            return cached;
        }
        for (String path : props.fontPaths()) {
            if (new File(path).canRead()) {
                try {
                    String spec = path;
                    if (path.toLowerCase().endsWith(".ttc")) {
                        String[] names = BaseFont.enumerateTTCNames(path);
                        int face = 0;
                        for (int i = 0; i < names.length; i++) {
                            if (names[i].contains("SC")) {
                                face = i;
                                break;
                            }
                        }
                        spec = path + "," + face;
                    }
                    cached = BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
                    return cached;
                } catch (Exception e) {
                    throw new IllegalStateException("CJK font at " + path + " could not be loaded: " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalStateException("No CJK font found for report PDFs; looked at " + props.fontPaths()
                + ". Install fonts-noto-cjk or set minyi.reporting.font-paths.");
    }
}
