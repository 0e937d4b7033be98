package io.minyi.dispute.web;

import io.minyi.casework.RiskLevel;
import io.minyi.dispute.internal.DisputeIntake;
import io.minyi.dispute.internal.DisputeSource;
import io.minyi.dispute.internal.Disputes;
import io.minyi.dispute.internal.PartyKind;
import io.minyi.dispute.internal.PartyRole;
import io.minyi.dispute.internal.RiskFactor;
import io.minyi.dispute.internal.ScreeningRounds;
import io.minyi.org.OrgDirectory;
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

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Registering a dispute: the form and its submission. */
@Controller
@RequiredArgsConstructor
class DisputeRegistrationController {

    private final DisputeIntake intake;
    private final Disputes disputes;
    private final OrgDirectory org;
    private final ScreeningRounds rounds;

    record RegistrationForm(Long jurisdictionId, String categoryCode, DisputeSource source, String summary,
                            Integer peopleInvolved, BigDecimal amountInvolved, List<PartyRole> partyRole,
                            List<PartyKind> partyKind, List<String> partyName, List<String> partyIdNumber,
                            List<String> partyPhone, List<String> partyAddress, Set<RiskFactor> factors,
                            String riskNote, Long screeningRoundId, String formToken) {
        List<DisputeIntake.PartyInput> parties() {
            int n = partyName == null ? 0 : partyName.size();
            List<DisputeIntake.PartyInput> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(new DisputeIntake.PartyInput(at(partyRole, i), at(partyKind, i), at(partyName, i),
                        at(partyIdNumber, i), at(partyPhone, i), at(partyAddress, i)));
            }
            return out;
        }

        private static <T> T at(List<T> list, int i) {
            return list == null || i >= list.size() ? null : list.get(i);
        }
    }

    @GetMapping("/disputes/new")
    @PreAuthorize("hasAnyRole('DISPATCHER','SUPERVISOR','ADMIN','GRID_WORKER')")
    String registrationForm(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("places", places(me));
        model.addAttribute("categories", disputes.categories());
        model.addAttribute("sources", DisputeSource.values());
        model.addAttribute("roles", PartyRole.values());
        model.addAttribute("kinds", PartyKind.values());
        model.addAttribute("factors", RiskFactor.values());
        model.addAttribute("formToken", UUID.randomUUID().toString());
        model.addAttribute("rounds", rounds.recent(me, 30));
        return "dispute/new";
    }

    @PostMapping("/disputes/new")
    @PreAuthorize("hasAnyRole('DISPATCHER','SUPERVISOR','ADMIN','GRID_WORKER')")
    String register(@AuthenticationPrincipal StaffUser me, RegistrationForm form, RedirectAttributes flash) {
        if (form.jurisdictionId() == null || org.jurisdiction(form.jurisdictionId()).map(JurisdictionRef::path)
                .filter(me::covers).isEmpty()) {
            throw new InvalidInputException("dispute.invalid.jurisdiction");
        }
        if (form.screeningRoundId() != null && !rounds.visible(me, form.screeningRoundId())) {
            throw new InvalidInputException("dispute.invalid.round");
        }
        String key = form.formToken() == null || form.formToken().isBlank() || form.formToken().length() > 64 ? null
                : "dispute:" + me.id() + ":" + form.formToken();
        var r = intake.register(new DisputeIntake.Registration(form.jurisdictionId(), form.categoryCode(),
                form.screeningRoundId() != null ? DisputeSource.SCREENING : form.source(), form.summary(),
                form.peopleInvolved(), form.amountInvolved(), form.screeningRoundId(), form.parties(),
                form.factors(), form.riskNote(), key), me.getUsername());
        flash.addFlashAttribute("done", r.risk() == RiskLevel.HIGH ? "dispute.done.registeredHigh" : "dispute.done.registered");
        return "redirect:/disputes/" + r.disputeId();
    }

    private List<JurisdictionRef> places(StaffUser me) {
        return org.placesDown(me.jurisdictionId(), 2);
    }
}
