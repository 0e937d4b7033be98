package io.minyi.survey.web;

import io.minyi.platform.AfterPost;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
import io.minyi.survey.internal.Campaign;
import io.minyi.survey.internal.Campaigns;
import io.minyi.survey.internal.Campaigns.CampaignForm;
import io.minyi.survey.internal.Campaigns.QuestionForm;
import io.minyi.survey.internal.Invitations;
import io.minyi.survey.internal.SmsInvitations;
import io.minyi.survey.internal.SurveySummary;
import io.minyi.survey.internal.SurveyExport;
import io.minyi.survey.internal.SurveyResults;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
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

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The survey office's pages: campaigns, questionnaires, samples, invitations and results. */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','ADMIN','DISPATCHER')")
@RequiredArgsConstructor
class SurveyController {

    private final Campaigns campaigns;
    private final Invitations invitations;
    private final SurveyResults results;
    private final SurveyExport export;
    private final OrgDirectory org;
    private final SmsInvitations sms;
    private final SurveySummary summary;

    @GetMapping("/surveys")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer page, Model model) {
        if (q != null && q.length() > 100) {
            throw new InvalidInputException("survey.error.query");
        }
        model.addAttribute("result", campaigns.list(me, q, PageResult.Request.of(page, 20)));
        model.addAttribute("q", q);
        model.addAttribute("jurisdictions", org.placesDown(me.jurisdictionId(), 1));
        model.addAttribute("units", org.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("today", LocalDate.now());
        return "survey/list";
    }

    @PostMapping("/surveys")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String create(@AuthenticationPrincipal StaffUser me, CampaignForm form) {
        return "redirect:/surveys/" + campaigns.create(me, form);
    }

    @GetMapping("/surveys/{id}")
    String detail(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                  Model model) {
        Campaign c = campaigns.get(me, id);
        model.addAttribute("c", c);
        SurveyResults.CampaignResult result = results.result(c);
        List<SurveyResults.Line> lines = new ArrayList<>();
        lines.add(result.total());
        lines.addAll(result.counties());
        lines.addAll(result.units());
        model.addAttribute("lines", lines);
        model.addAttribute("invitations", invitations.list(me, id, status, PageResult.Request.of(page, 20)));
        model.addAttribute("status", status);
        model.addAttribute("units", c.unitIds().stream().map(org::unit).flatMap(java.util.Optional::stream).toList());
        return "survey/detail";
    }

    @PostMapping("/surveys/{id}/questions")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String addQuestion(@AuthenticationPrincipal StaffUser me, @PathVariable long id, QuestionForm form,
                       RedirectAttributes flash) {
        campaigns.addQuestion(me, id, form);
        return AfterPost.done(flash, "survey.done.question", "/surveys/" + id);
    }

    @PostMapping("/surveys/{id}/open")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String open(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes flash) {
        campaigns.open(me, id);
        return AfterPost.done(flash, "survey.done.opened", "/surveys/" + id);
    }

    @PostMapping("/surveys/{id}/close")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String close(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes flash) {
        campaigns.close(me, id);
        return AfterPost.done(flash, "survey.done.closed", "/surveys/" + id);
    }

    @PostMapping("/surveys/{id}/sample")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String sample(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(required = false) Integer limit, @RequestParam(required = false) String channel,
                  RedirectAttributes flash) {
        int added = invitations.sampleRaisers(me, id, from, to, limit, channel);
        flash.addFlashAttribute("added", added);
        return "redirect:/surveys/" + id;
    }

    @PostMapping("/surveys/{id}/import")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String importPeople(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                        @RequestParam(required = false) MultipartFile file, RedirectAttributes flash) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("survey.error.importFile");
        }
        try (InputStream in = file.getInputStream()) {
            flash.addFlashAttribute("added", invitations.importPeople(me, id, in));
        }
        return "redirect:/surveys/" + id;
    }

    @PostMapping("/surveys/{id}/sms")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String sendSms(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes flash) {
        flash.addFlashAttribute("queued", sms.send(me, id));
        return "redirect:/surveys/" + id;
    }

    @PostMapping("/surveys/invitations/{id}/exclude")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String exclude(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                   @RequestParam(required = false) String reason, RedirectAttributes flash) {
        long campaign = invitations.get(me, id).campaignId();
        invitations.exclude(me, id, reason);
        return AfterPost.done(flash, "survey.done.excluded", "/surveys/" + campaign);
    }

    @GetMapping("/surveys/{id}/results.xlsx")
    void export(@AuthenticationPrincipal StaffUser me, @PathVariable long id, HttpServletResponse res)
            throws IOException {
        Campaign c = campaigns.get(me, id);
        res.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        java.util.Locale locale = LocaleContextHolder.getLocale();
        res.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(export.fileName(c, locale), StandardCharsets.UTF_8).replace("+", "%20"));
        export.write(c, results.result(c), res.getOutputStream(), locale);
    }

    /** The results as a PDF summary to file or hand to leaders: per unit and county, with 95 % Wilson intervals. */
    @GetMapping("/surveys/{id}/summary.pdf")
    void summaryPdf(@AuthenticationPrincipal StaffUser me, @PathVariable long id, HttpServletResponse res)
            throws IOException {
        Campaign c = campaigns.get(me, id);
        java.util.Locale locale = LocaleContextHolder.getLocale();
        byte[] pdf = summary.pdf(c, results.result(c), me.displayName(), locale);
        res.setContentType("application/pdf");
        res.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(summary.fileName(c, locale), StandardCharsets.UTF_8).replace("+", "%20"));
        res.setContentLength(pdf.length);
        res.getOutputStream().write(pdf);
    }

    /** Campaigns side by side (the seeds compare two rounds: 98.7 % and 97.25 %). */
    @GetMapping("/surveys/compare")
    String compare(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) List<Long> ids, Model model) {
        List<Long> chosen = ids == null ? List.of() : ids.stream().distinct().limit(4).toList();
        List<Object[]> rows = new ArrayList<>();
        for (long id : chosen) {
            Campaign c = campaigns.get(me, id);
            rows.add(new Object[]{c, results.result(c).total()});
        }
        model.addAttribute("rows", rows);
        model.addAttribute("all", campaigns.list(me, null, PageResult.Request.of(1, 50)).items());
        model.addAttribute("ids", chosen);
        return "survey/compare";
    }
}
