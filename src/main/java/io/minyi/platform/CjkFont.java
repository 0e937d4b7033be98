package io.minyi.platform;

import org.openpdf.text.Font;
import org.openpdf.text.pdf.BaseFont;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * The one CJK font every PDF (posters, letters, ledgers, daily reports) is set in: the first readable file of
 * {@code minyi.pdf.font-paths}; in a .ttc collection the Simplified Chinese face. Without one a PDF would print empty
 * boxes, so asking for a PDF then answers 503 with a message that says what to install.
 */
@Component
public class CjkFont {

    private static final Logger log = LoggerFactory.getLogger(CjkFont.class);
    static final String DEFAULT_PATHS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,"
            + "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc,"
            + "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc,"
            + "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,"
            + "/usr/share/fonts/truetype/arphic/uming.ttc,C:/Windows/Fonts/simsun.ttc";

    private final List<String> paths;
    private volatile BaseFont cached;

    CjkFont(@Value("${minyi.pdf.font-paths:" + DEFAULT_PATHS + "}") List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    /** The faces a report-like PDF sets its text in: the title, the body, and the body in bold. */
    public record Faces(Font title, Font normal, Font bold) {
    }

    /** The platform's CJK font as a bold title of {@code titleSize} and a body of {@code bodySize}, plain and bold. */
    public Faces faces(float titleSize, float bodySize) {
        BaseFont base = baseFont();
        return new Faces(new Font(base, titleSize, Font.BOLD), new Font(base, bodySize),
                new Font(base, bodySize, Font.BOLD));
    }

    public BaseFont baseFont() {
        BaseFont f = cached;
        if (f == null) {
            synchronized (this) {
                if (cached == null) {
                    cached = load();
                }
                f = cached;
            }
        }
        return f;
    }

    private BaseFont load() {
        for (String path : paths) {
            String p = path.strip();
            if (p.isEmpty() || !new File(p).canRead()) {
                continue;
            }
            try {
                String spec = p.toLowerCase(Locale.ROOT).endsWith(".ttc") ? p + "," + simplifiedChineseFace(p) : p;
                return BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            } catch (Exception e) {
                log.warn("font {} cannot be used: {}", p, e.toString());
            }
        }
        log.error("No CJK font for PDFs. Install Debian package fonts-noto-cjk or set minyi.pdf.font-paths; searched: {}",
                paths);
        throw new RefusedException("error.noFont", 503);
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
