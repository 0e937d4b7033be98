package io.minyi.supervision.web;

import io.minyi.platform.AfterPost;
import io.minyi.platform.CityTime;
import io.minyi.platform.Download;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
import io.minyi.platform.fields.Xlsx;
import io.minyi.supervision.internal.LetterDocuments;
import io.minyi.supervision.internal.Letters;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','DISPATCHER','LEADER','ADMIN','DISCIPLINE','UNIT_LEADER','UNIT_HANDLER')")
@RequiredArgsConstructor
class LetterController {

    private static final Set<String> KINDS = Set.of("REMINDER", "SUPERVISION", "CIRCULAR");
    private static final List<String> EXPORT_COLUMNS = List.of("number", "kind", "centre", "addressee", "deadline",
            "reason", "issuedAt", "acknowledgedAt", "acknowledgedBy");

    private final Letters letters;
    private final LetterDocuments documents;
    private final io.minyi.supervision.internal.LetterDesk desk;
    private final io.minyi.supervision.internal.LetterOffice office;
    private final org.springframework.context.MessageSource messages;

    @GetMapping("/supervision/letters")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String q, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) Boolean unacknowledged,
                @RequestParam(required = false) Integer page, Model model) {
        Letters.Query query = query(kind, q, from, to, unacknowledged);
        model.addAttribute("result", letters.search(me, query, PageResult.Request.of(page, 20)));
        model.addAttribute("query", query);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "supervision/letters";
    }

    @GetMapping("/supervision/letters/{id}")
    String show(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        Letters.Letter letter = letters.get(me, id);
        model.addAttribute("letter", letter);
        model.addAttribute("codes", office.trackingCodes(letter.cases()));
        // the centre's staff open the cases from the letter; a unit finds them in its own inbox
        model.addAttribute("linkCases", me.hasAny(io.minyi.org.Role.SUPERVISOR, io.minyi.org.Role.DISPATCHER,
                io.minyi.org.Role.LEADER, io.minyi.org.Role.ADMIN, io.minyi.org.Role.DISCIPLINE));
        boolean addressee = letter.addresseeUnitId() == me.unitId()
                && me.hasAny(io.minyi.org.Role.UNIT_LEADER, io.minyi.org.Role.UNIT_HANDLER);
        model.addAttribute("canAcknowledge", letter.acknowledgedAt() == null && letters.mayAcknowledge(me, letter));
        model.addAttribute("canReply", addressee);
        model.addAttribute("replies", desk.replies(me, id));
        return "supervision/letter";
    }

    @PostMapping("/supervision/letters/{id}/acknowledge")
    String acknowledge(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes flash) {
        letters.acknowledge(me, id);
        return AfterPost.done(flash, "supervision.letter.acknowledged", "/supervision/letters/" + id);
    }

    @GetMapping("/supervision/letters/{id}.docx")
    ResponseEntity<byte[]> docx(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        Letters.Letter l = letters.get(me, id);
        return Download.of(documents.docx(l, office.trackingCodes(l.cases()), LocaleContextHolder.getLocale()), l.number() + ".docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @GetMapping("/supervision/letters/{id}.pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        Letters.Letter l = letters.get(me, id);
        return Download.of(documents.pdf(l, office.trackingCodes(l.cases()), LocaleContextHolder.getLocale()), l.number() + ".pdf", MediaType.APPLICATION_PDF_VALUE);
    }

    @GetMapping("/supervision/letters.xlsx")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String kind,
                                  @RequestParam(required = false) String q, @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) Boolean unacknowledged) {
        List<Letters.Letter> rows = letters.export(me, query(kind, q, from, to, unacknowledged));
        Locale locale = LocaleContextHolder.getLocale();
        List<List<?>> cells = rows.stream().<List<?>>map(l -> Arrays.asList(l.number(),
                messages.getMessage("supervision.kind." + l.kind(), null, locale), l.centreName(),
                l.addresseeName(), l.deadline() == null ? "" : l.deadline().toString(), l.reason(),
                CityTime.MINUTES.format(l.issuedAt()),
                l.acknowledgedAt() == null ? "" : CityTime.MINUTES.format(l.acknowledgedAt()),
                l.acknowledgedBy() == null ? "" : l.acknowledgedBy())).toList();
        String sheet = messages.getMessage("supervision.letterExport.sheet", null, locale);
        List<String> head = EXPORT_COLUMNS.stream()
                .map(c -> messages.getMessage("supervision.letterExport.col." + c, null, locale)).toList();
        return Download.of(Xlsx.write(sheet, head, cells, List.of()), sheet + ".xlsx", Xlsx.CONTENT_TYPE);
    }

    private static Letters.Query query(String kind, String q, String from, String to, Boolean unacknowledged) {
        if (kind != null && !kind.isBlank() && !KINDS.contains(kind)) {
            throw new InvalidInputException("supervision.letter.badKind");
        }
        if (q != null && q.length() > 100) {
            throw new InvalidInputException("supervision.letter.queryTooLong");
        }
        return new Letters.Query(kind, q, date(from), date(to), unacknowledged);
    }

    static LocalDate date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("supervision.badDate");
        }
    }
}
