package io.minyi.supervision.internal;

import io.minyi.platform.CjkFont;
import io.minyi.platform.CityTime;
import io.minyi.platform.OfficialDocument;
import io.minyi.platform.OfficialDocument.Style;
import org.springframework.stereotype.Component;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A letter as a Word document and as a PDF, both laid out like an official notice (文号, 主送, 正文, 事项表, 落款). */
@Component
public class LetterDocuments {

    private static final DateTimeFormatter CN_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final CjkFont font;

    LetterDocuments(CjkFont font) {
        this.font = font;
    }

    public byte[] docx(Letters.Letter l) {
        return docx(l, java.util.Map.of());
    }

    public byte[] pdf(Letters.Letter l) {
        return pdf(l, java.util.Map.of());
    }

    /** @param codes the cases' tracking codes by id (what units and residents quote); an id without one shows the id */
    public byte[] docx(Letters.Letter l, java.util.Map<Long, String> codes) {
        return document(l, codes).docx();
    }

    public byte[] pdf(Letters.Letter l, java.util.Map<Long, String> codes) {
        return document(l, codes).pdf(font.baseFont());
    }

    private static OfficialDocument document(Letters.Letter l, java.util.Map<Long, String> codes) {
        OfficialDocument doc = new OfficialDocument()
                .centred(l.centreName(), Style.HEADING)
                .centred(l.kindTitle(), Style.TITLE)
                .centred(l.number(), Style.SMALL)
                .space()
                .plain(l.addresseeName() + "：")
                .indented(l.reason());
        if (l.deadline() != null) {
            doc.indented("办理（反馈）期限：" + CN_DATE.format(l.deadline()));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("事项查询码", "类别", "办理期限"));
        for (var c : l.cases()) {
            rows.add(List.of(codes.getOrDefault(c.caseId(), String.valueOf(c.caseId())), c.category() == null ? "未分类" : c.category(),
                    c.deadline() == null ? "" : CN_DATE.format(c.deadline())));
        }
        doc.label("所涉事项：").table(new float[]{2, 3, 3}, rows);
        if (!l.items().isEmpty()) {
            List<List<String>> items = new ArrayList<>();
            items.add(List.of("清单编号", "事项", "完成期限"));
            for (var item : l.items()) {
                items.add(List.of(String.valueOf(item.itemId()), item.title(),
                        item.deadline() == null ? "" : CN_DATE.format(item.deadline())));
            }
            doc.label("所涉清单事项：").table(new float[]{2, 4, 2}, items);
        }
        return doc.space()
                .right(l.centreName())
                .right(CN_DATE.format(l.issuedAt().atZone(CityTime.ZONE)));
    }
}
