package io.minyi.casework.web;

import io.minyi.casework.CaseState;
import io.minyi.casework.CaseType;
import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.platform.Decision;
import io.minyi.casework.internal.Cases;
import io.minyi.casework.RiskLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.RefusedException;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The dispatcher's pool (数据池): everything in the user's jurisdiction, filtered and paged, with bulk moves. */
@Controller
@PreAuthorize("hasAnyRole('DISPATCHER','SUPERVISOR','LEADER','ADMIN')")
@RequiredArgsConstructor
class PoolController {

    private final Cases cases;
    private final CaseWorkflow workflow;
    private final OrgDirectory org;
    private final Clock clock;
    private final MessageSource messages;

    /** Query string of the pool; unknown enum values are a 400, not a silently ignored filter. */
    record PoolQuery(CaseType type, CaseState state, Long jurisdictionId, String category, RiskLevel risk,
                     Boolean overdue, String q, Integer page, Integer size) {
    }

    @GetMapping("/pool")
    String pool(@AuthenticationPrincipal StaffUser me, PoolQuery query, Model model) {
        Actor actor = Actor.staff(me);
        String path = null;
        if (query.jurisdictionId() != null) {
            path = org.jurisdiction(query.jurisdictionId()).map(JurisdictionRef::path).filter(me::covers)
                    .orElseThrow(() -> new InvalidInputException("casework.invalid.jurisdiction"));
        }
        if (query.q() != null && query.q().length() > 100) {
            throw new InvalidInputException("casework.invalid.query");
        }
        var filter = new Cases.PoolFilter(query.type(), query.state(), path, query.category(), query.risk(),
                Boolean.TRUE.equals(query.overdue()), query.q());
        PageResult<Cases.Row> result = cases.pool(actor, filter, LocalDate.now(clock),
                PageResult.Request.of(query.page(), query.size()));
        List<JurisdictionRef> places = org.placesDown(me.jurisdictionId(), 1);
        model.addAttribute("result", result);
        model.addAttribute("query", query);
        model.addAttribute("types", CaseType.values());
        model.addAttribute("states", CaseState.values());
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("places", places);
        model.addAttribute("canAct", me.has(io.minyi.org.Role.DISPATCHER));
        return "casework/pool";
    }

    /** Bulk moves: each case in its own transaction, so one refusal does not undo the others; the page lists both. */
    @PostMapping("/pool/bulk")
    @PreAuthorize("hasRole('DISPATCHER')")
    String bulk(@AuthenticationPrincipal StaffUser me, @RequestParam(name = "ids", required = false) List<Long> ids,
                @RequestParam String action, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidInputException("casework.invalid.noneSelected");
        }
        if (ids.contains(null)) {
            // "ids=1,,2": an empty item binds as null
            throw new InvalidInputException("error.badRequest");
        }
        if (ids.size() > 200) {
            throw new InvalidInputException("casework.invalid.tooMany");
        }
        Actor actor = Actor.staff(me);
        int done = 0;
        List<String> failures = new ArrayList<>();
        for (long id : ids) {
            try {
                Decision d = switch (action) {
                    case "accept" -> workflow.accept(id, actor, null);
                    case "dispatch" -> workflow.dispatch(id, actor, null, null);
                    case "reject" -> workflow.reject(id, actor, reason);
                    default -> throw new InvalidInputException("casework.invalid.action");
                };
                if (d instanceof Decision.Refused r) {
                    failures.add("#" + id + "：" + messages.getMessage(r.reason(), null, r.reason(),
                            LocaleContextHolder.getLocale()));
                } else {
                    done++;
                }
            } catch (RefusedException | InvalidInputException | NotFoundException e) {
                String why = e instanceof NotFoundException ? "error.notFound"
                        : e instanceof InvalidInputException iie ? iie.problems().getFirst() : e.getMessage();
                failures.add("#" + id + "：" + messages.getMessage(why, null, why, LocaleContextHolder.getLocale()));
            }
        }
        flash.addFlashAttribute("bulkDone", done);
        flash.addFlashAttribute("bulkFailures", failures);
        return "redirect:/pool";
    }
}
