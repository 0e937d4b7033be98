package io.minyi.supervision.internal;

import io.minyi.platform.CjkFont;
import io.minyi.platform.CityTime;
import io.minyi.platform.OfficialDocument;
import io.minyi.platform.OfficialDocument.Style;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A letter as a Word document and as a PDF, both laid out like an official notice (文号, 主送, 正文, 事项表, 落款). The
 * letter's own words (its reason, names, number) are the official record and stay as issued; the headings around
 * them come from the bundle in the reader's language (decision 0039).
 */
@Component
@RequiredArgsConstructor
public class LetterDocuments {

    private final CjkFont font;
    private final MessageSource messages;

    /** The letter as filed: in the city's own language. */
    public byte[] docx(Letters.Letter l) {
        return docx(l, java.util.Map.of(), Locale.SIMPLIFIED_CHINESE);
    }

    public byte[] pdf(Letters.Letter l) {
        return pdf(l, java.util.Map.of(), Locale.SIMPLIFIED_CHINESE);
    }

    /** @param codes the cases' tracking codes by id (what units and residents quote); an id without one shows the id */
    public byte[] docx(Letters.Letter l, java.util.Map<Long, String> codes, Locale locale) {
        return document(l, codes, locale).docx();
    }

    public byte[] pdf(Letters.Letter l, java.util.Map<Long, String> codes, Locale locale) {
        return document(l, codes, locale).pdf(font.baseFont());
    }

    private String t(Locale locale, String key) {
        return messages.getMessage("supervision.letterDoc." + key, null, locale);
    }

    private OfficialDocument document(Letters.Letter l, java.util.Map<Long, String> codes, Locale locale) {
        DateTimeFormatter date = DateTimeFormatter.ofPattern(t(locale, "datePattern"), locale);
        OfficialDocument doc = new OfficialDocument()
                .centred(l.centreName(), Style.HEADING)
                .centred(messages.getMessage("supervision.kind." + l.kind(), null, locale), Style.TITLE)
                .centred(l.number(), Style.SMALL)
                .space()
                .plain(l.addresseeName() + t(locale, "addresseeColon"))
                .indented(l.reason());
        if (l.deadline() != null) {
            doc.indented(t(locale, "deadline") + date.format(l.deadline()));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(t(locale, "col.code"), t(locale, "col.category"), t(locale, "col.deadline")));
        for (var c : l.cases()) {
            rows.add(List.of(codes.getOrDefault(c.caseId(), String.valueOf(c.caseId())),
                    c.category() == null ? t(locale, "uncategorised") : c.category(),
                    c.deadline() == null ? "" : date.format(c.deadline())));
        }
        doc.label(t(locale, "cases")).table(new float[]{2, 3, 3}, rows);
        if (!l.items().isEmpty()) {
            List<List<String>> items = new ArrayList<>();
            items.add(List.of(t(locale, "col.itemNo"), t(locale, "col.item"), t(locale, "col.itemDeadline")));
            for (var item : l.items()) {
                items.add(List.of(String.valueOf(item.itemId()), item.title(),
                        item.deadline() == null ? "" : date.format(item.deadline())));
            }
            doc.label(t(locale, "items")).table(new float[]{2, 4, 2}, items);
        }
        return doc.space()
                .right(l.centreName())
                .right(date.format(l.issuedAt().atZone(CityTime.ZONE)));
    }
}
