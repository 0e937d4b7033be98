package io.minyi.dispute.web;

import io.minyi.dispute.internal.MediatorPool;
import io.minyi.dispute.internal.PoolAdmin;
import io.minyi.org.StaffUser;
import io.minyi.platform.AfterPost;
import io.minyi.platform.Download;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.SpecForm;
import io.minyi.platform.fields.Xlsx;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/** The mediator pool and organisations (read for mediators, kept by dispatchers and admins), with the duty rota. */
@Controller
@PreAuthorize("hasAnyRole('DISPATCHER','ADMIN','MEDIATOR')")
@RequiredArgsConstructor
class MediatorController {

    private final MediatorPool pool;
    private final PoolAdmin admin;
    private final io.minyi.dispute.internal.DutyRota rota;
    private final io.minyi.org.OrgDirectory org;
    private final org.springframework.context.MessageSource messages;

    @GetMapping("/mediators")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Integer page, Model model) {
        return page(me, page, model, form(admin.fields().spec()), form(admin.orgFields().spec()));
    }

    /** The form of {@code spec}, empty. */
    private static SpecForm form(FieldSpec spec) {
        return SpecForm.of(spec.fields(), spec.emptyForm(), null);
    }

    /** The form of {@code spec} holding what was typed, each problem of its refusal beside its field. */
    private static SpecForm form(FieldSpec spec, MultiValueMap<String, String> params, InvalidInputException refused) {
        return SpecForm.of(spec.fields(), spec.typed(params), refused);
    }

    /** The pool's page with its two forms, the mediator's and the organisation's. */
    private String page(StaffUser me, Integer page, Model model, SpecForm mediatorForm, SpecForm orgForm) {
        var req = PageResult.Request.of(page, 50);
        String scope = me.scopePathPattern();
        List<MediatorPool.Org> orgs = pool.orgsWithin(scope);
        model.addAttribute("orgs", orgs);
        model.addAttribute("result", new PageResult<>(pool.mediatorsWithin(scope, req.size(), req.offset()),
                req.page(), req.size(), pool.countWithin(scope)));
        model.addAttribute("mayEdit", me.hasAny(io.minyi.org.Role.DISPATCHER, io.minyi.org.Role.ADMIN));
        model.addAttribute("duty", rota.onDutyToday(scope));
        model.addAttribute("centres", org.unitsWithin(me.jurisdictionPath()).stream()
                .filter(u -> u.is(io.minyi.org.UnitKind.GOVERNANCE_CENTRE)).toList());
        model.addAttribute("lawyers", rota.lawyers(scope));
        model.addAttribute("consultations", rota.peopleAdvisedThisMonth(scope));
        model.addAttribute("mediatorForm", mediatorForm);
        model.addAttribute("orgForm", orgForm);
        model.addAttribute("places", org.placesDown(me.jurisdictionId(), 2));
        return "dispute/mediators";
    }

    @PostMapping("/mediators/rota")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String schedule(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Long centreUnitId,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) java.time.LocalDate on,
                    @RequestParam(required = false) Long lawyerId, RedirectAttributes flash) {
        rota.schedule(me, centreUnitId, on, lawyerId);
        return AfterPost.done(flash, "dispute.done.rota", "/mediators");
    }

    @PostMapping("/mediators/consultations")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String consultation(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Long centreUnitId,
                        @RequestParam(required = false) Long lawyerId, @RequestParam(required = false) String topic,
                        @RequestParam(required = false) Integer people, RedirectAttributes flash) {
        rota.consultation(me, centreUnitId, lawyerId, topic, people);
        return AfterPost.done(flash, "dispute.done.consultation", "/mediators");
    }

    @PostMapping("/mediators/orgs")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String saveOrg(@AuthenticationPrincipal StaffUser me, @RequestParam MultiValueMap<String, String> params,
                   Model model, HttpServletResponse response, RedirectAttributes flash) {
        return save(() -> admin.saveOrg(params, me.scopePathPattern()), "dispute.done.orgSaved", response, flash,
                refused -> page(me, null, model, form(admin.fields().spec()),
                        form(admin.orgFields().spec(), params, refused)));
    }

    @PostMapping("/mediators")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String saveMediator(@AuthenticationPrincipal StaffUser me, @RequestParam MultiValueMap<String, String> params,
                        Model model, HttpServletResponse response, RedirectAttributes flash) {
        return save(() -> admin.saveMediator(params, me.scopePathPattern()), "dispute.done.mediatorSaved", response,
                flash, refused -> page(me, null, model, form(admin.fields().spec(), params, refused),
                        form(admin.orgFields().spec())));
    }

    /**
     * Saves what one of the page's two forms sent; a refused form is shown again on the page ({@code pageAgain}), each
     * problem beside its field, with 400.
     */
    private static String save(Runnable save, String doneKey, HttpServletResponse response, RedirectAttributes flash,
                               Function<InvalidInputException, String> pageAgain) {
        return AfterPost.orFormAgain(() -> {
            save.run();
            return AfterPost.done(flash, doneKey, "/mediators");
        }, response, pageAgain);
    }

    @GetMapping("/mediators.xlsx")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me) {
        return Download.of(admin.export(me.scopePathPattern()), fileName("fileName"), Xlsx.CONTENT_TYPE);
    }

    @GetMapping("/mediators/template.xlsx")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    ResponseEntity<byte[]> template() {
        return Download.of(admin.template(), fileName("templateName"), Xlsx.CONTENT_TYPE);
    }

    private String fileName(String key) {
        return messages.getMessage("dispute.mediatorSheet." + key, null, LocaleContextHolder.getLocale()) + ".xlsx";
    }

    @PostMapping("/mediators/import")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String importSheet(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) MultipartFile file,
                       RedirectAttributes flash) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("dispute.invalid.sheet");
        }
        PoolAdmin.Imported done = admin.importSheet(file.getBytes(), me.scopePathPattern());
        flash.addFlashAttribute("done", "dispute.done.imported");
        flash.addFlashAttribute("counts", List.of(done.written(), done.unchanged()));
        return "redirect:/mediators";
    }
}
