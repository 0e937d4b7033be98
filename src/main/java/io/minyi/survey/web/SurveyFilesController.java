package io.minyi.survey.web;

import io.minyi.org.StaffUser;
import io.minyi.platform.Download;
import io.minyi.platform.fields.Xlsx;
import io.minyi.survey.internal.Campaign;
import io.minyi.survey.internal.Campaigns;
import io.minyi.survey.internal.SurveySummary;
import io.minyi.survey.internal.SurveyExport;
import io.minyi.survey.internal.SurveyResults;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A campaign's results as files: the answers as a spreadsheet, the counts and rates as a PDF summary. */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','ADMIN','DISPATCHER')")
@RequiredArgsConstructor
class SurveyFilesController {

    private final Campaigns campaigns;
    private final SurveyResults results;
    private final SurveyExport export;
    private final SurveySummary summary;

    @GetMapping("/surveys/{id}/results.xlsx")
    void export(@AuthenticationPrincipal StaffUser me, @PathVariable long id, HttpServletResponse res)
            throws IOException {
        Campaign c = campaigns.get(me, id);
        Locale locale = LocaleContextHolder.getLocale();
        res.setContentType(Xlsx.CONTENT_TYPE);
        res.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(export.fileName(c, locale), StandardCharsets.UTF_8).build().toString());
        export.write(c, results.result(c), res.getOutputStream(), locale);
    }

    /** The results as a PDF summary to file or hand to leaders: per unit and county, with 95 % Wilson intervals. */
    @GetMapping("/surveys/{id}/summary.pdf")
    ResponseEntity<byte[]> summaryPdf(@AuthenticationPrincipal StaffUser me, @PathVariable long id) {
        Campaign c = campaigns.get(me, id);
        Locale locale = LocaleContextHolder.getLocale();
        return Download.of(summary.pdf(c, results.result(c), me.displayName(), locale), summary.fileName(c, locale),
                MediaType.APPLICATION_PDF);
    }
}
