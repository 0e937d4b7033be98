package io.minyi.lists.web;

import io.minyi.platform.AfterPost;
import io.minyi.lists.internal.TypicalCases;
import io.minyi.lists.internal.TypicalCases.Proposal;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Typical cases: proposed by a supervisor, published by a leader, read by everyone on the public page. */
@Controller
@RequiredArgsConstructor
class TypicalCaseController {

    private final TypicalCases typical;

    @GetMapping("/typical")
    @PreAuthorize("hasAnyRole('SUPERVISOR','LEADER')")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("result", typical.list(me, PageResult.Request.of(page, 20)));
        return "lists/typical";
    }

    @PostMapping("/typical")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String propose(@AuthenticationPrincipal StaffUser me, Proposal proposal, RedirectAttributes flash) {
        typical.propose(me, proposal);
        return AfterPost.done(flash, "lists.done.proposed", "/typical");
    }

    @PostMapping("/typical/{id}/decision")
    @PreAuthorize("hasRole('LEADER')")
    String decide(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) String decision, @RequestParam(required = false) String note,
                  RedirectAttributes flash) {
        if (!"PUBLISH".equals(decision) && !"REJECT".equals(decision)) {
            throw new InvalidInputException("lists.error.decision");
        }
        typical.decide(me, id, "PUBLISH".equals(decision), note);
        return AfterPost.done(flash, "PUBLISH".equals(decision) ? "lists.done.published" : "lists.done.rejected",
                "/typical");
    }

    @GetMapping("/public/typical")
    String published(Model model) {
        model.addAttribute("items", typical.published(50));
        return "lists/public-typical";
    }
}
