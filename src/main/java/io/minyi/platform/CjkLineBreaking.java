package io.minyi.platform;

import org.openpdf.text.Chunk;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.SplitCharacter;
import org.openpdf.text.pdf.DefaultSplitCharacter;
import org.openpdf.text.pdf.PdfChunk;

/**
 * Chinese line-breaking rules (禁则, as in GB/T 15834 practice and W3C "Requirements for Chinese Text Layout") for
 * OpenPDF, which on its own breaks CJK text after any character: no line may start with closing punctuation
 * (，。、；：？！…）》」』】 and the like) and none may end with opening punctuation (（《「『【“). A break that would do so
 * moves one character earlier, so the punctuation travels to the next line with the character it belongs to.
 */
public final class CjkLineBreaking extends DefaultSplitCharacter {

    public static final SplitCharacter RULES = new CjkLineBreaking();

    /** Not at the start of a line. */
    static final String NO_START = "，。、；：？！…‥）》〉」』】〕〗｝］”’・·%‰℃,.;:?!)]}ー～-";
    /** Not at the end of a line. */
    static final String NO_END = "（《〈「『【〔〖｛［“‘([{";

    private CjkLineBreaking() {
    }

    @Override
    public boolean isSplitCharacter(int start, int current, int end, char[] cc, PdfChunk[] ck) {
        char here = getCurrentCharacter(current, cc, ck);
        if (NO_END.indexOf(here) >= 0) {
            return false;
        }
        if (current + 1 < end && NO_START.indexOf(getCurrentCharacter(current + 1, cc, ck)) >= 0) {
            return false;
        }
        // full-width closing punctuation ends a phrase: a line may end after it (OpenPDF's default would not)
        return here >= 0x2000 && NO_START.indexOf(here) >= 0 || super.isSplitCharacter(start, current, end, cc, ck);
    }

    /** A paragraph of running Chinese text that breaks its lines by these rules. */
    public static Paragraph paragraph(String text, Font font) {
        Paragraph p = new Paragraph(font.getSize() * 1.5f, chunk(text, font));
        p.setFont(font);
        return p;
    }

    public static Chunk chunk(String text, Font font) {
        Chunk c = new Chunk(text == null ? "" : text, font);
        c.setSplitCharacter(RULES);
        return c;
    }
}
