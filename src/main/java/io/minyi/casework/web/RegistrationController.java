package io.minyi.casework.web;

import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.CaseCategories;
import io.minyi.casework.internal.CaseViews;
import io.minyi.org.OrgDirectory;
import io.minyi.org.Role;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Staff register a case on someone's behalf: a walk-in, a phone call, a petition letter. */
@Controller
@PreAuthorize("hasAnyRole('DISPATCHER','SUPERVISOR','GRID_WORKER','ADMIN')")
@RequiredArgsConstructor
class RegistrationController {

    static final Set<SourceChannel> STAFF_CHANNELS = EnumSet.of(SourceChannel.WALK_IN, SourceChannel.HOTLINE,
            SourceChannel.PETITION, SourceChannel.GRID_VISIT, SourceChannel.STAFF);

    private final CaseIntake intake;
    private final OrgDirectory org;
    private final CaseViews views;
    private final CaseCategories categories;

    /** The form, bound field by field: never an aggregate. */
    record RegistrationForm(CaseType type, SourceChannel channel, Long jurisdictionId, Long subjectUnitId,
                            Long subjectOfficerId, String raiserName, String raiserPhone, String content,
                            String category, String formToken) {
    }

    @GetMapping("/cases/new")
    String form(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("types", CaseType.values());
        model.addAttribute("channels", STAFF_CHANNELS);
        model.addAttribute("places", places(me));
        model.addAttribute("units", org.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("categories", categories.offered());
        model.addAttribute("formToken", java.util.UUID.randomUUID().toString());
        return "casework/new";
    }

    @PostMapping("/cases/new")
    String register(@AuthenticationPrincipal StaffUser me, RegistrationForm form, RedirectAttributes flash) {
        List<String> problems = new ArrayList<>();
        if (form.channel() == null || !STAFF_CHANNELS.contains(form.channel())) {
            problems.add("casework.invalid.channel");
        }
        if (form.jurisdictionId() == null || org.jurisdiction(form.jurisdictionId()).map(JurisdictionRef::path)
                .filter(me::covers).isEmpty()) {
            problems.add("casework.invalid.jurisdiction");
        }
        if (form.subjectUnitId() != null && org.unit(form.subjectUnitId()).filter(u -> me.covers(u.jurisdictionPath()))
                .isEmpty()) {
            problems.add("casework.invalid.subjectUnit");
        }
        if (form.type() == null) {
            problems.add("casework.invalid.type");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String key = form.formToken() == null || form.formToken().isBlank() || form.formToken().length() > 64 ? null
                : "staff:" + me.id() + ":" + form.formToken();
        var receipt = intake.receive(new NewCase(form.type(), form.channel(), form.jurisdictionId(),
                form.subjectUnitId(), form.subjectOfficerId(), form.raiserName(), form.raiserPhone(), form.content(),
                form.category(), key, null));
        flash.addFlashAttribute("done", "casework.done.registered");
        flash.addFlashAttribute("trackingCode", receipt.trackingCode());
        // A grid worker hands the case to the centre and may not open it afterwards: their own reports and their
        // progress live on the grid home; anyone else who cannot open it gets a fresh form with the tracking code.
        if (views.visible(receipt.caseId(), Actor.staff(me))) {
            return "redirect:/cases/" + receipt.caseId();
        }
        return me.has(Role.GRID_WORKER) ? "redirect:/grid" : "redirect:/cases/new";
    }

    private List<JurisdictionRef> places(StaffUser me) {
        return org.placesDown(me.jurisdictionId(), 2);
    }
}
