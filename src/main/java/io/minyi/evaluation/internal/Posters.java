package io.minyi.evaluation.internal;

import io.minyi.platform.CjkFont;
import io.minyi.platform.Pdf;
import lombok.RequiredArgsConstructor;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Printable A4 material: a poster per unit (name, QR code, two lines of instructions, where to follow a clue), a
 * sheet of badge cards for a unit's officers (eight to a page, to cut out), and both for every unit of a county in
 * one file for the print shop.
 */
@Component
@RequiredArgsConstructor
public class Posters {

    private static final Color RED = new Color(0xB9, 0x1C, 0x1C);
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final CjkFont fonts;
    private final QrCodes qr;
    private final EvaluationTargets targets;
    private final MessageSource messages;

    public byte[] poster(Target unit) {
        return render(doc -> posterPage(doc, unit));
    }

    public byte[] badges(long unitId) {
        List<Target> officers = targets.activeOfficersOfUnit(unitId);
        return render(doc -> badgePages(doc, officers));
    }

    /** Every unit of the county: its poster, then its officers' badge cards. */
    public byte[] county(String countyPath) {
        List<Target> units = targets.activeUnitsWithin(countyPath);
        return render(doc -> {
            boolean first = true;
            for (Target unit : units) {
                if (!first) {
                    doc.newPage();
                }
                first = false;
                posterPage(doc, unit);
                List<Target> officers = targets.activeOfficersOfUnit(unit.unitId());
                if (!officers.isEmpty()) {
                    doc.newPage();
                    badgePages(doc, officers);
                }
            }
        });
    }

    private void posterPage(Document doc, Target unit) {
        BaseFont cjk = fonts.baseFont();
        doc.add(centered(msg("evaluation.pdf.poster.heading"), new Font(cjk, 48, Font.NORMAL, RED), 10));
        doc.add(centered(unit.unitName(), new Font(cjk, 30), 24));
        Image code = image(unit.code(), 600);
        code.scaleAbsolute(320, 320);
        code.setAlignment(Element.ALIGN_CENTER);
        doc.add(code);
        Font body = new Font(cjk, 17);
        doc.add(centered(msg("evaluation.pdf.poster.line1"), body, 8));
        doc.add(centered(msg("evaluation.pdf.poster.line2", qr.trackingUrl()), body, 20));
        doc.add(centered(qr.ratingUrl(unit.code()), new Font(cjk, 10, Font.NORMAL, Color.GRAY), 0));
    }

    private void badgePages(Document doc, List<Target> officers) {
        BaseFont cjk = fonts.baseFont();
        PdfPTable table = new PdfPTable(2);
        table.setWidthPercentage(100);
        for (Target o : officers) {
            table.addCell(badge(o, cjk));
        }
        if (officers.size() % 2 == 1) {
            PdfPCell empty = new PdfPCell(new Phrase(""));
            empty.setBorder(Rectangle.NO_BORDER);
            table.addCell(empty);
        }
        doc.add(table);
    }

    private PdfPCell badge(Target o, BaseFont cjk) {
        PdfPTable inner = new PdfPTable(new float[]{1.25f, 1f});
        inner.setWidthPercentage(100);
        PdfPCell text = new PdfPCell();
        text.setBorder(Rectangle.NO_BORDER);
        text.addElement(new Paragraph(o.officerName(), new Font(cjk, 20)));
        text.addElement(new Paragraph(o.position() == null ? "" : o.position(), new Font(cjk, 12)));
        text.addElement(new Paragraph(o.unitName(), new Font(cjk, 12)));
        text.addElement(new Paragraph(o.badgeNo(), new Font(cjk, 11, Font.NORMAL, Color.GRAY)));
        text.addElement(new Paragraph(msg("evaluation.pdf.badge.scan"), new Font(cjk, 12, Font.NORMAL, RED)));
        inner.addCell(text);
        Image code = image(o.code(), 300);
        code.scaleAbsolute(110, 110);
        PdfPCell picture = new PdfPCell(code, false);
        picture.setBorder(Rectangle.NO_BORDER);
        picture.setHorizontalAlignment(Element.ALIGN_RIGHT);
        inner.addCell(picture);
        PdfPCell card = new PdfPCell(inner);
        card.setFixedHeight(188);
        card.setPadding(10);
        card.setBorderColor(Color.LIGHT_GRAY);
        return card;
    }

    private Image image(String code, int pixels) {
        try {
            return Image.getInstance(qr.image(code, pixels), null, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Paragraph centered(String text, Font font, float after) {
        Paragraph p = new Paragraph(text, font);
        p.setAlignment(Element.ALIGN_CENTER);
        p.setSpacingAfter(after);
        return p;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, ZH);
    }

    private byte[] render(Pdf.Content content) {
        fonts.baseFont();
        return Pdf.write(new Document(PageSize.A4, 40, 40, 50, 40), content);
    }
}
