package io.minyi.lists.web;

import io.minyi.platform.AfterPost;
import io.minyi.lists.internal.WorkLists;
import io.minyi.lists.internal.WorkLists.ItemForm;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import io.minyi.platform.fields.Xlsx;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** The three lists: the issuing level's view, the owner unit's reports, strike-off with approval, export. */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','LEADER','DISPATCHER','ADMIN','UNIT_LEADER','UNIT_HANDLER')")
class ListController {

    private final WorkLists lists;
    private final OrgDirectory org;

    ListController(WorkLists lists, OrgDirectory org) {
        this.lists = lists;
        this.org = org;
    }

    @GetMapping("/lists")
    String list(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String status, @RequestParam(required = false) Boolean overdue,
                @RequestParam(required = false) String q, @RequestParam(required = false) Integer page, Model model) {
        boolean late = Boolean.TRUE.equals(overdue);
        model.addAttribute("result", lists.search(me, kind, status, late, q, PageResult.Request.of(page, 20)));
        model.addAttribute("kind", kind);
        model.addAttribute("status", status);
        model.addAttribute("overdue", late);
        model.addAttribute("q", q);
        model.addAttribute("completion", lists.completion(me));
        model.addAttribute("units", org.unitsWithin(me.jurisdictionPath()));
        model.addAttribute("today", LocalDate.now());
        return "lists/list";
    }

    @PostMapping("/lists")
    @PreAuthorize("hasAnyRole('SUPERVISOR','LEADER')")
    String create(@AuthenticationPrincipal StaffUser me, ItemForm form) {
        return "redirect:/lists/" + lists.create(me, form);
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
    void export(@AuthenticationPrincipal StaffUser me, HttpServletResponse res) throws IOException {
        res.setContentType(Xlsx.CONTENT_TYPE);
        res.setHeader("Content-Disposition", "attachment; filename*=UTF-8''%E6%B8%85%E5%8D%95%E5%AE%8C%E6%88%90%E6%83%85%E5%86%B5.xlsx");
        List<List<?>> rows = lists.completion(me).stream().<List<?>>map(u -> Arrays.asList(u.unitName(), u.items(),
                u.struckOff(), u.overdue(), u.rate() == null ? null : new Xlsx.Percent(u.rate(), 1))).toList();
        res.getOutputStream().write(Xlsx.write("完成情况", List.of("责任单位", "事项数", "已销号", "逾期未销号", "销号率"),
                rows, List.of()));
    }
}
