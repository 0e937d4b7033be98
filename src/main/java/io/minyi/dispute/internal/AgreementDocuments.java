package io.minyi.dispute.internal;

import io.minyi.platform.CjkFont;
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
 * The agreement (人民调解协议书) in the layout of 人民调解法 Art 29 and the 司法部 forms: title and number; the
 * parties' details; the main facts, disputed items and responsibilities; the agreed terms with the manner and deadline
 * of performance; the effect clause; signature lines for the parties, the mediators and the committee's seal.
 * As a Word document and as a PDF in the platform's CJK font.
 */
@Component
@RequiredArgsConstructor
class AgreementDocuments {

    private final CjkFont font;
    private final MessageSource messages;

    /** What the document says, in reading order. */
    record Content(String title, String number, List<String> partyLines, String factsLabel, String facts,
                   String termsLabel, String terms, String performance, String effect, List<String> signatureLines,
                   String date) {
    }

    /**
     * The agreement's words. The parties receive and sign the Chinese one (the form of the law); an English reader
     * gets the same document worded from the English bundle (decision 0039). What the parties agreed stays as written.
     */
    Content content(Disputes.Row d, List<Disputes.Party> parties, List<String> clearIds,
                    MediationRecords.Agreement a, Locale locale) {
        DateTimeFormatter date = DateTimeFormatter.ofPattern(t(locale, "datePattern"), locale);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < parties.size(); i++) {
            Disputes.Party p = parties.get(i);
            StringBuilder s = new StringBuilder(t(locale, "party", labels(p.role(), locale), p.name()));
            s.append(t(locale, "open")).append(labels(p.kind(), locale));
            if (clearIds.get(i) != null) {
                s.append(t(locale, p.kind() == PartyKind.NATURAL ? "idNumber" : "creditCode")).append(clearIds.get(i));
            }
            if (p.address() != null) {
                s.append(t(locale, "address")).append(p.address());
            }
            lines.add(s.append(t(locale, "close")).toString());
        }
        List<String> sign = new ArrayList<>();
        for (Disputes.Party p : parties) {
            sign.add(t(locale, "partySigns", labels(p.role(), locale), p.name()));
        }
        sign.add(t(locale, "mediatorsSign", a.mediators()));
        sign.add(t(locale, "recorderSigns"));
        sign.add(t(locale, "seal", a.orgName()));
        return new Content(t(locale, "title"), a.number(), lines, t(locale, "factsLabel"), a.facts(),
                t(locale, "termsLabel"), a.terms(),
                t(locale, "performance", a.performanceManner(), date.format(a.performanceDeadline())),
                t(locale, "effect", String.valueOf(parties.size() + 1)),
                sign, date.format(a.effectiveOn() != null ? a.effectiveOn()
                        : a.createdAt().atZone(DisputeIntake.CHINA).toLocalDate()));
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.getMessage("dispute.agreementDoc." + key, args, locale);
    }

    private String labels(Enum<?> value, Locale locale) {
        return messages.getMessage(io.minyi.platform.EnumLabels.key(value), null, value.name(), locale);
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
        doc.label(c.factsLabel())
                .indented(c.facts())
                .label(c.termsLabel())
                .indented(c.terms())
                .indented(c.performance())
                .indented(c.effect())
                .space();
        c.signatureLines().forEach(doc::plain);
        return doc.right(c.date());
    }
}
