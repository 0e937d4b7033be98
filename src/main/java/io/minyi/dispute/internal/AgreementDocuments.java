package io.minyi.dispute.internal;

import io.minyi.platform.CjkFont;
import io.minyi.platform.OfficialDocument;
import io.minyi.platform.OfficialDocument.Style;
import org.springframework.stereotype.Component;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The agreement (人民调解协议书) in the layout of 人民调解法 Art 29 and the 司法部 forms: title and number; the
 * parties' details; the main facts, disputed items and responsibilities; the agreed terms with the manner and deadline
 * of performance; the effect clause; signature lines for the parties, the mediators and the committee's seal.
 * As a Word document and as a PDF in the platform's CJK font.
 */
@Component
class AgreementDocuments {

    private static final DateTimeFormatter CN_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final CjkFont font;

    AgreementDocuments(CjkFont font) {
        this.font = font;
    }

    /** What the document says, in reading order. */
    record Content(String title, String number, List<String> partyLines, String facts, String terms,
                   String performance, String effect, List<String> signatureLines, String date) {
    }

    static Content content(Disputes.Row d, List<Disputes.Party> parties, List<String> clearIds,
                           MediationRecords.Agreement a) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            Disputes.Party p = parties.get(i);
            StringBuilder s = new StringBuilder(p.role().label()).append("：").append(p.name());
            s.append("（").append(p.kind().label());
            if (clearIds.get(i) != null) {
                s.append(p.kind() == PartyKind.NATURAL ? "，身份证号码：" : "，统一社会信用代码：").append(clearIds.get(i));
            }
            if (p.address() != null) {
                s.append("，住所：").append(p.address());
            }
            lines.add(s.append("）").toString());
        }
        List<String> sign = new ArrayList<>();
        for (Disputes.Party p : parties) {
            sign.add(p.role().label() + "（签名、盖章或按指印）：" + p.name() + "________");
        }
        sign.add("人民调解员（签名）：" + a.mediators());
        sign.add("记录人（签名）：________");
        sign.add(a.orgName() + "（印章）");
        return new Content("人民调解协议书", a.number(), lines, a.facts(), a.terms(),
                "履行方式：" + a.performanceManner() + "；履行期限：" + CN_DATE.format(a.performanceDeadline()) + "前。",
                "本协议经各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。"
                        + "本协议一式" + (parties.size() + 1) + "份，当事人各执一份，人民调解委员会留存一份。"
                        + "当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。",
                sign, CN_DATE.format(a.effectiveOn() != null ? a.effectiveOn()
                        : a.createdAt().atZone(DisputeIntake.CHINA).toLocalDate()));
    }

    byte[] docx(Content c) {
        return document(c).docx();
    }

    byte[] pdf(Content c) {
        return document(c).pdf(font.baseFont());
    }

    private static OfficialDocument document(Content c) {
        OfficialDocument doc = new OfficialDocument()
                .centred(c.title(), Style.TITLE)
                .line(c.number(), Style.SMALL, OfficialDocument.Align.RIGHT);
        c.partyLines().forEach(doc::plain);
        doc.label("纠纷主要事实、争议事项及各方当事人责任：")
                .indented(c.facts())
                .label("经调解，自愿达成如下协议：")
                .indented(c.terms())
                .indented(c.performance())
                .indented(c.effect())
                .space();
        c.signatureLines().forEach(doc::plain);
        return doc.right(c.date());
    }
}
