package io.minyi.lists.web;

import io.minyi.platform.AfterPost;
import io.minyi.platform.SubmittedForms;
import io.minyi.lists.internal.WorkLists;
import io.minyi.lists.internal.WorkLists.ItemForm;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import io.minyi.platform.fields.Xlsx;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** The three lists: the issuing level's view, the owner unit's reports, strike-off with approval, export. */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','DISPATCHER','ADMIN','UNIT_LEADER','UNIT_HANDLER')")
@RequiredArgsConstructor
class ListController {

    private final SubmittedForms forms;
    private final WorkLists lists;
    private final OrgDirectory org;
    private final org.springframework.context.MessageSource messages;
    private final Clock clock;

    /** The list page's filter, bound from the query string; the page shows it again in its form and its links. */
    record ItemFilter(String kind, String status, Boolean overdue, Boolean mine, String q, Integer page) {
        public boolean late() {
            return Boolean.TRUE.equals(overdue);
        }

        public boolean own() {
            return Boolean.TRUE.equals(mine);
        }
    }

    @GetMapping("/lists")
    String list(@AuthenticationPrincipal StaffUser me, @ModelAttribute("filter") ItemFilter f, Model model) {
        model.addAttribute("result", lists.search(me, f.kind(), f.status(), f.late(), f.own(), f.q(),
                PageResult.Request.of(f.page(), 20)));
        model.addAttribute("completion", lists.completion(me));
        model.addAttribute("units", org.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("today", LocalDate.now(clock));
        return "lists/list";
    }

    @PostMapping("/lists")
    @PreAuthorize("hasAnyRole('SUPERVISOR','LEADER')")
    String create(@AuthenticationPrincipal StaffUser me, ItemForm form, HttpServletRequest request,
                  RedirectAttributes flash) {
        // an item is chased by the supervision ladder: the form sent twice issues it once (decision 0075)
        return forms.once(me.id(), request, "lists.item", () -> lists.create(me, form))
                .map(id -> "redirect:/lists/" + id)
                .orElseGet(() -> AfterPost.done(flash, SubmittedForms.AGAIN, "/lists"));
    }

    @GetMapping("/lists/{id}")
    String item(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        var item = lists.item(me, id);
        model.addAttribute("item", item);
        model.addAttribute("milestones", lists.milestones(id));
        model.addAttribute("history", lists.history(id));
        model.addAttribute("owner", me.unitId() == item.ownerUnitId());
        model.addAttribute("issuer", me.covers(item.issuingPath()) && me.unitId() != item.ownerUnitId());
        return "lists/item";
    }

    @PostMapping("/lists/{id}/progress")
    String progress(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                    @RequestParam(required = false) String note, RedirectAttributes flash) {
        lists.reportProgress(me, id, note);
        return AfterPost.done(flash, "lists.done.progress", "/lists/" + id);
    }

    @PostMapping("/lists/{id}/milestones/{milestone}/done")
    String milestone(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @PathVariable long milestone,
                     RedirectAttributes flash) {
        lists.completeMilestone(me, id, milestone);
        return AfterPost.done(flash, "lists.done.milestone", "/lists/" + id);
    }

    @PostMapping("/lists/{id}/strike-off")
    String requestStrikeOff(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                            @RequestParam(required = false) String evidence, RedirectAttributes flash) {
        lists.requestStrikeOff(me, id, evidence);
        return AfterPost.done(flash, "lists.done.requested", "/lists/" + id);
    }

    @PostMapping("/lists/{id}/decision")
    @PreAuthorize("hasAnyRole('SUPERVISOR','LEADER')")
    String decide(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam(required = false) String decision, @RequestParam(required = false) String note,
                  RedirectAttributes flash) {
        boolean approve = "APPROVE".equals(decision);
        if (!approve && !"SEND_BACK".equals(decision)) {
            throw new io.minyi.platform.InvalidInputException("lists.error.decision");
        }
        lists.decide(me, id, approve, note);
        return AfterPost.done(flash, approve ? "lists.done.approved" : "lists.done.sentBack", "/lists/" + id);
    }

    @GetMapping("/lists/completion.xlsx")
    org.springframework.http.ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me) {
        java.util.Locale locale = LocaleContextHolder.getLocale();
        List<List<?>> rows = lists.completion(me).stream().<List<?>>map(u -> Arrays.asList(u.unitName(), u.items(),
                u.struckOff(), u.overdue(), u.rate() == null ? null : new Xlsx.Percent(u.rate(), 1))).toList();
        List<String> head = List.of(messages.getMessage("lists.completionSheet.head", null, locale).split("\\|"));
        return io.minyi.platform.Download.of(Xlsx.write(messages.getMessage("lists.completionSheet.sheet", null, locale),
                head, rows, List.of()), messages.getMessage("lists.completionSheet.fileName", null, locale) + ".xlsx",
                Xlsx.CONTENT_TYPE);
    }
}
