package io.minyi.evaluation.web;

import io.minyi.platform.Download;
import io.minyi.evaluation.internal.EvaluationTargets;
import io.minyi.evaluation.internal.Posters;
import io.minyi.evaluation.internal.QrCodes;
import io.minyi.evaluation.internal.Target;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/** Administration of the public codes: list, QR images, posters and badge sheets, revoke and reissue. */
@Controller
@RequestMapping("/evaluations/codes")
@PreAuthorize("hasRole('ADMIN')")
@RequiredArgsConstructor
class CodeAdminController {

    private final EvaluationTargets targets;
    private final Posters posters;
    private final QrCodes qr;
    private final OrgDirectory org;

    @GetMapping
    ModelAndView list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String q,
                      @RequestParam(required = false) boolean officers, @RequestParam(required = false) Integer page) {
        targets.issueMissing();
        ModelAndView mv = new ModelAndView("evaluation/codes");
        mv.addObject("q", q);
        mv.addObject("officers", officers);
        mv.addObject("codes", targets.search(me.scopePathPattern(), q, officers, PageResult.Request.of(page, null)));
        mv.addObject("counties", counties(me));
        mv.addObject("baseUrl", qr.baseUrl());
        return mv;
    }

    @GetMapping(value = "/{code}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@AuthenticationPrincipal StaffUser me, @PathVariable String code) {
        Target t = inScope(me, targets.byCode(code).orElseThrow(() -> new NotFoundException("code")));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(qr.png(t.code(), 400));
    }

    @GetMapping("/units/{unitId}/poster.pdf")
    ResponseEntity<byte[]> poster(@AuthenticationPrincipal StaffUser me, @PathVariable long unitId) {
        Target unit = inScope(me, targets.activeForUnit(unitId).orElseThrow(() -> new NotFoundException("unit")));
        return Download.of(posters.poster(unit), "poster-" + unitId + ".pdf", MediaType.APPLICATION_PDF);
    }

    @GetMapping("/units/{unitId}/badges.pdf")
    ResponseEntity<byte[]> badges(@AuthenticationPrincipal StaffUser me, @PathVariable long unitId) {
        inScope(me, targets.activeForUnit(unitId).orElseThrow(() -> new NotFoundException("unit")));
        return Download.of(posters.badges(unitId), "badges-" + unitId + ".pdf", MediaType.APPLICATION_PDF);
    }

    @GetMapping("/counties/{jurisdictionId}/posters.pdf")
    ResponseEntity<byte[]> county(@AuthenticationPrincipal StaffUser me, @PathVariable long jurisdictionId) {
        var county = org.jurisdiction(jurisdictionId)
                .filter(j -> j.level() == JurisdictionLevel.COUNTY && me.covers(j.path()))
                .orElseThrow(() -> new NotFoundException("county"));
        return Download.of(posters.county(county.path()), "posters-county-" + jurisdictionId + ".pdf",
                MediaType.APPLICATION_PDF);
    }

    @PostMapping("/{id}/reissue")
    String reissue(@AuthenticationPrincipal StaffUser me, @PathVariable long id, RedirectAttributes redirect) {
        Target fresh = targets.revokeAndReissue(id, me.scopePathPattern());
        redirect.addAttribute("reissued", fresh.code());
        redirect.addAttribute("q", fresh.code());
        redirect.addAttribute("officers", fresh.isOfficer());
        return "redirect:/evaluations/codes";
    }

    private static Target inScope(StaffUser me, Target t) {
        if (!me.covers(t.jurisdictionPath())) {
            throw new NotFoundException("code");
        }
        return t;
    }

    private List<io.minyi.org.OrgRefs.JurisdictionRef> counties(StaffUser me) {
        var mine = org.jurisdiction(me.jurisdictionId()).orElseThrow();
        if (mine.level() == JurisdictionLevel.COUNTY) {
            return List.of(mine);
        }
        if (mine.level() == JurisdictionLevel.CITY) {
            return org.children(mine.id());
        }
        return List.of();
    }
}
