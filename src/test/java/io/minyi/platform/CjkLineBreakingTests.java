package io.minyi.platform;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Chinese text in a PDF read back line by line: no line starts with "，" and nothing runs past the margin. */
class CjkLineBreakingTests {

    private static final float WIDTH = 300;
    private static final float MARGIN = 36;
    /** Sentences whose commas fall at the end of a line at many widths. */
    private static final String TEXT = ("经核查，该单位在办理群众反映的问题时存在拖延、推诿现象，群众多次反映未果；"
            + "请你单位高度重视，立即组织核查，依法依规处理，并于期限内将整改情况书面报送本中心。").repeat(6);

    private final CjkFont font = new CjkFont(Arrays.asList(CjkFont.DEFAULT_PATHS.split(",")));

    @Test
    void no_line_starts_with_closing_punctuation_and_no_line_runs_past_the_margin() throws IOException {
        Assumptions.assumeTrue(available(), "a CJK font is needed");
        for (int size = 10; size <= 14; size++) {
            Lines lines = lines(render(size, CjkLineBreaking::paragraph));
            assertThat(lines.text()).as("size %d", size).hasSizeGreaterThan(5)
                    .noneMatch(l -> CjkLineBreaking.NO_START.indexOf(l.charAt(0)) >= 0)
                    .noneMatch(l -> CjkLineBreaking.NO_END.indexOf(l.charAt(l.length() - 1)) >= 0);
            assertThat(lines.maxRight()).as("size %d", size).isLessThanOrEqualTo(WIDTH - MARGIN + 0.5f);
            assertThat(String.join("", lines.text())).isEqualTo(TEXT);
        }
    }

    @Test
    void without_the_rules_some_line_does_start_with_a_comma() throws IOException {
        Assumptions.assumeTrue(available(), "a CJK font is needed");
        boolean seen = false;
        for (int size = 10; size <= 14 && !seen; size++) {
            seen = lines(render(size, Paragraph::new)).text().stream()
                    .anyMatch(l -> CjkLineBreaking.NO_START.indexOf(l.charAt(0)) >= 0);
        }
        assertThat(seen).as("the test text provokes the fault the rules prevent").isTrue();
    }

    private boolean available() {
        try {
            return font.baseFont() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private byte[] render(int size, BiFunction<String, Font, Paragraph> make) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(new Rectangle(WIDTH, 2000), MARGIN, MARGIN, MARGIN, MARGIN);
        PdfWriter.getInstance(doc, out);
        doc.open();
        doc.add(make.apply(TEXT, new Font(font.baseFont(), size)));
        doc.close();
        return out.toByteArray();
    }

    record Lines(List<String> text, float maxRight) {
    }

    private static Lines lines(byte[] pdf) throws IOException {
        List<String> text = new ArrayList<>();
        float[] right = {0};
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String s, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        right[0] = Math.max(right[0], p.getXDirAdj() + p.getWidthDirAdj());
                    }
                    super.writeString(s, positions);
                }
            };
            for (String line : stripper.getText(doc).split("\\R")) {
                if (!line.isBlank()) {
                    text.add(line.strip());
                }
            }
        }
        return new Lines(text, right[0]);
    }
}
