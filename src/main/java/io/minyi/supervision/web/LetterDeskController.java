package io.minyi.supervision.web;

import io.minyi.platform.AfterPost;
import io.minyi.platform.Download;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.SubmittedForms;
import jakarta.servlet.http.HttpServletRequest;
import io.minyi.supervision.internal.AnnualAssessment;
import io.minyi.supervision.internal.LetterDesk;
import io.minyi.supervision.internal.LetterOffice;
import lombok.RequiredArgsConstructor;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Letters by hand, a unit's written answer, 约谈, and the annual assessment with its spreadsheet. */
@Controller
@RequiredArgsConstructor
class LetterDeskController {

    private final LetterDesk desk;
    private final SubmittedForms forms;
    private final AnnualAssessment assessment;
    private final Clock clock;
    private final org.springframework.context.MessageSource messages;

    /** What a supervisor writes on a letter by hand. */
    record LetterForm(Long unitId, LetterOffice.Kind kind, String reason, Integer answerWithinWorkingDays,
                      String caseIds) {
        List<Long> cases() {
            List<Long> out = new ArrayList<>();
            if (caseIds == null || caseIds.isBlank()) {
                return out;
            }
            if (caseIds.length() > 1000) {
                throw new InvalidInputException("supervision.desk.tooManyCases");
            }
            for (String part : caseIds.split("[,，\\s]+")) {
                if (!part.isBlank()) {
                    try {
                        out.add(Long.parseLong(part.strip()));
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException("supervision.desk.unknownCase");
                    }
                }
            }
            return out;
        }
    }

    @GetMapping("/supervision/letters/new")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String newLetter(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("units", desk.unitsInScope(me));
        model.addAttribute("kinds", LetterOffice.Kind.values());
        return "supervision/letter-new";
    }

    /** 预览: the letter as it will go out, checked as issuing checks it, with the confirm button. Nothing is written. */
    @PostMapping("/supervision/letters/preview")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String preview(@AuthenticationPrincipal StaffUser me, LetterForm form, Model model) {
        if (form.unitId() == null) {
            throw new InvalidInputException("supervision.desk.unit");
        }
        model.addAttribute("p", desk.preview(me, form.kind(), form.unitId(), form.reason(),
                form.answerWithinWorkingDays() == null ? 0 : form.answerWithinWorkingDays(), form.cases()));
        return "supervision/letter-preview";
    }

    /** 发函中心: the letters my centre issued (or I did), each with where it stands. */
    @GetMapping("/supervision/letters/issued")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String issued(@AuthenticationPrincipal StaffUser me, @RequestParam(defaultValue = "false") boolean mine,
                  @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("result", desk.issued(me, mine, io.minyi.platform.PageResult.Request.of(page, 20)));
        model.addAttribute("mine", mine);
        model.addAttribute("today", LocalDate.now(clock));
        return "supervision/letters-issued";
    }

    @PostMapping("/supervision/letters")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String issue(@AuthenticationPrincipal StaffUser me, LetterForm form, HttpServletRequest request,
                 RedirectAttributes flash) {
        if (form.unitId() == null) {
            throw new InvalidInputException("supervision.desk.unit");
        }
        // a letter is numbered and sent: the confirmation pressed twice issues it once (decision 0075)
        return forms.once(me.id(), request, "supervision.letter", () -> desk.issueByHand(me, form.kind(),
                        form.unitId(), form.reason(), form.answerWithinWorkingDays() == null ? 0
                                : form.answerWithinWorkingDays(), form.cases()))
                .map(id -> AfterPost.done(flash, "supervision.desk.issued", "/supervision/letters/" + id))
                .orElseGet(() -> AfterPost.done(flash, SubmittedForms.AGAIN, "/supervision/letters/issued?mine=true"));
    }

    @PostMapping("/supervision/letters/{id}/reply")
    @PreAuthorize("hasAnyRole('UNIT_LEADER','UNIT_HANDLER')")
    String reply(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                 @RequestParam(required = false) LetterDesk.ReplyKind kind,
                 @RequestParam(required = false) String body,
                 @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence,
                 RedirectAttributes flash) {
        List<LetterDesk.Upload> uploads = new ArrayList<>();
        if (evidence != null) {
            for (MultipartFile f : evidence) {
                if (!f.isEmpty()) {
                    try {
                        uploads.add(new LetterDesk.Upload(f.getOriginalFilename(), f.getBytes()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        desk.reply(me, id, kind, body, uploads);
        flash.addFlashAttribute("done", "supervision.desk.replied");
        return "redirect:/supervision/letters/" + id;
    }

    @GetMapping("/supervision/letters/{id}/files/{fileId}")
    ResponseEntity<byte[]> file(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                                @PathVariable long fileId) {
        LetterDesk.FileContent f = desk.file(me, id, fileId);
        return Download.of(f.bytes(), f.fileName(), f.contentType());
    }

    @GetMapping("/supervision/talks")
    @PreAuthorize("hasAnyRole('SUPERVISOR','LEADER')")
    String talks(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("talks", desk.talks(me, 200));
        model.addAttribute("units", desk.unitsInScope(me));
        model.addAttribute("today", LocalDate.now(clock));
        return "supervision/talks";
    }

    /** What a supervisor records of a formal talk. */
    record TalkForm(Long unitId, LocalDate heldOn, String headName, String reason, String record, Long letterId) {
    }

    @PostMapping("/supervision/talks")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String recordTalk(@AuthenticationPrincipal StaffUser me, TalkForm form, HttpServletRequest request,
                      RedirectAttributes flash) {
        if (form.unitId() == null) {
            throw new InvalidInputException("supervision.desk.unit");
        }
        // a talk costs the unit points in the assessment: recorded once however often the form is sent
        boolean recorded = forms.once(me.id(), request, "supervision.talk", () -> desk.recordTalk(me, form.unitId(),
                form.heldOn(), form.headName(), form.reason(), form.record(), form.letterId())).isPresent();
        return AfterPost.done(flash, recorded ? "supervision.desk.talkRecorded" : SubmittedForms.AGAIN,
                "/supervision/talks");
    }

    @GetMapping("/supervision/assessment")
    @PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','ADMIN')")
    String annual(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Integer year, Model model) {
        model.addAttribute("y", io.minyi.platform.StaleReads.call(
                () -> assessment.of(me.jurisdictionPath(), year(year), cityLevel(me))));
        return "supervision/assessment";
    }

    @GetMapping("/supervision/assessment.xlsx")
    @PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','ADMIN')")
    ResponseEntity<byte[]> annualXlsx(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Integer year)
            throws IOException {
        AnnualAssessment.Year y = io.minyi.platform.StaleReads.call(
                () -> assessment.of(me.jurisdictionPath(), year(year), cityLevel(me)));
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            String[] head = messages.getMessage("supervision.sheet.annual.head", null, locale).split("\\|");
            sheet(wb.createSheet(messages.getMessage("supervision.sheet.units", null, locale)), y.units(), head, y.formula());
            if (!y.counties().isEmpty()) {
                sheet(wb.createSheet(messages.getMessage("supervision.sheet.counties", null, locale)), y.counties(),
                        head, y.formula());
            }
            wb.write(out);
            return Download.of(out.toByteArray(), messages.getMessage("supervision.sheet.annual.fileName",
                            new Object[]{String.valueOf(y.year())}, locale) + ".xlsx",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }
    }

    private static void sheet(Sheet sheet, List<AnnualAssessment.Result> rows, String[] head, String formula) {
        Row h = sheet.createRow(0);
        for (int i = 0; i < head.length; i++) {
            h.createCell(i).setCellValue(head[i]);
        }
        int r = 1;
        for (AnnualAssessment.Result x : rows) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(x.rank() == 0 ? "" : String.valueOf(x.rank()));
            row.createCell(1).setCellValue(x.name());
            row.createCell(2).setCellValue(x.monthsScored());
            if (x.meanMonthlyScore() != null) {
                row.createCell(3).setCellValue(x.meanMonthlyScore());
            }
            row.createCell(4).setCellValue(x.talks());
            row.createCell(5).setCellValue(x.letters());
            if (x.score() != null) {
                row.createCell(6).setCellValue(x.score());
            }
            if (x.lastYearScore() != null) {
                row.createCell(7).setCellValue(x.lastYearScore());
            }
            if (x.change() != null) {
                row.createCell(8).setCellValue(x.change());
            }
        }
        sheet.createRow(r + 1).createCell(0).setCellValue(formula);
    }

    private int year(Integer year) {
        int now = LocalDate.now(clock).getYear();
        if (year == null) {
            return now;
        }
        if (year < 2000 || year > now) {
            throw new InvalidInputException("supervision.desk.badYear");
        }
        return year;
    }

    private static boolean cityLevel(StaffUser me) {
        return me.jurisdictionPath().chars().filter(ch -> ch == '/').count() <= 2;
    }
}
