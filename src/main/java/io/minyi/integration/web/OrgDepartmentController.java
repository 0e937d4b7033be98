package io.minyi.integration.web;

import io.minyi.platform.Download;
import io.minyi.integration.internal.OfficerCertificate;
import io.minyi.integration.internal.OfficerRecords;
import io.minyi.org.StaffUser;
import io.minyi.platform.Search;
import lombok.RequiredArgsConstructor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;

/** 组织部门: officers' records for cadre selection, read-only. */
@Controller
@PreAuthorize("hasRole('ORG_DEPARTMENT')")
@RequiredArgsConstructor
class OrgDepartmentController {

    private final OfficerRecords records;
    private final OfficerCertificate certificate;
    private final Clock clock;

    @GetMapping("/orgdept/officers")
    String list(@AuthenticationPrincipal StaffUser me, @ModelAttribute("search") Search search, Model model) {
        model.addAttribute("result", records.search(me, search.q(), search.request(20)));
        return "integration/orgdept-officers";
    }

    @GetMapping("/orgdept/officers/{id}")
    String record(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) Integer year, Model model) {
        int y = year(year);
        model.addAttribute("r", records.record(me, id, y, "integration.officer_record.view"));
        model.addAttribute("years", java.util.stream.IntStream.rangeClosed(y - 4, LocalDate.now(clock).getYear())
                .boxed().toList());
        return "integration/orgdept-officer";
    }

    @GetMapping("/orgdept/officers/{id}/certificate.pdf")
    ResponseEntity<byte[]> certificate(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                                       @RequestParam(required = false) Integer year) {
        OfficerRecords.Record r = records.record(me, id, year(year), "integration.officer_record.print_certificate");
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return Download.of(certificate.pdf(r, me.displayName(), locale), certificate.fileName(r, locale),
                MediaType.APPLICATION_PDF);
    }

    private int year(Integer year) {
        int now = LocalDate.now(clock).getYear();
        return year == null || year < 2000 || year > now ? now : year;
    }
}
