package io.minyi.grid.web;

import io.minyi.platform.AfterPost;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseProgress;
import io.minyi.grid.internal.Categories;
import io.minyi.grid.internal.Disposition;
import io.minyi.grid.internal.GridEvents;
import io.minyi.grid.internal.GridHome;
import io.minyi.grid.internal.GridPosts;
import io.minyi.grid.internal.GridScope;
import io.minyi.grid.internal.Households;
import io.minyi.grid.internal.NewGridEvent;
import io.minyi.grid.internal.RecordVisit;
import io.minyi.grid.internal.ReportGridEvent;
import io.minyi.grid.internal.VisitKind;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The grid worker's phone: home, event report, visit, households. The report and visit forms post as plain forms
 * (redirect after post) or, from the offline outbox, as {@code fetch} with {@code Accept: application/json}.
 */
@Controller
@RequiredArgsConstructor
class GridPhoneController {

    private final GridHome home;
    private final GridScope scope;
    private final Categories categories;
    private final Households households;
    private final ReportGridEvent reportEvent;
    private final RecordVisit recordVisit;
    private final GridEvents events;
    private final CaseProgress progress;
    private final AuditTrail audit;
    private final GridPosts posts;

    private final org.springframework.context.MessageSource messages;

    record EventForm(String key, Long gridId, String category, String description, String people, Double lat,
                     Double lon, Long householdId, Long buildingId, Disposition disposition, String resolution,
                     String occurredAt, Long owner) {
    }

    record VisitForm(String key, Long gridId, Long householdId, Long buildingId, LocalDate visitedOn, VisitKind kind,
                     String findings, String dispute, Long owner) {
    }

    /**
     * A draft from the outbox names the account that saved it; on a shared phone another account's draft is refused
     * (kept on the phone with this message) rather than recorded as the sender's (decision 0017).
     */
    static void requireOwnDraft(StaffUser me, Long owner) {
        if (owner != null && owner != me.id()) {
            throw new InvalidInputException("grid.invalid.otherOwner");
        }
    }

    @GetMapping("/grid")
    @PreAuthorize("hasRole('GRID_WORKER')")
    String home(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute("home", home.of(me));
        Map<Long, String> postNames = new java.util.HashMap<>();
        posts.of(me.id()).forEach((grid, post) -> postNames.put(grid, post.name()));
        model.addAttribute("posts", postNames);
        model.addAttribute("kinds", posts.kindLabels(LocaleContextHolder.getLocale()));
        return "grid/home";
    }

    @GetMapping("/grid/report")
    @PreAuthorize("hasRole('GRID_WORKER')")
    String reportForm(@AuthenticationPrincipal StaffUser me, Model model) {
        draftForm(me, model);
        model.addAttribute("categories", categories.active());
        return "grid/report";
    }

    /**
     * What each offline form of the phone starts from: the worker's own grids, the addresses and buildings in them
     * (addresses only: the picker is a place to stand, not a list of people) and the new draft's key.
     */
    private void draftForm(StaffUser me, Model model) {
        List<GridRef> grids = scope.own(me);
        List<Long> ids = grids.stream().map(GridRef::id).toList();
        model.addAttribute("grids", grids);
        model.addAttribute("places", households.ofGrids(ids, 500));
        model.addAttribute("buildings", households.buildingsOf(ids));
        model.addAttribute("key", UUID.randomUUID().toString());
    }

    @PostMapping("/grid/events")
    @PreAuthorize("hasRole('GRID_WORKER')")
    Object report(@AuthenticationPrincipal StaffUser me, EventForm form,
                  @RequestParam(name = "photos", required = false) List<MultipartFile> photos,
                  @RequestHeader(name = "Accept", required = false) String accept, RedirectAttributes flash) {
        requireOwnDraft(me, form.owner());
        var r = reportEvent.report(me, new NewGridEvent(form.key(), form.gridId(), form.category(),
                form.description(), form.people(), form.lat(), form.lon(), form.householdId(), form.buildingId(),
                form.disposition(), form.resolution(), bytes(photos), instant(form.occurredAt())));
        if (wantsJson(accept)) {
            return ResponseEntity.status(r.replay() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(Map.of("id", r.eventId(), "replay", r.replay(), "escalated", r.caseId() != null));
        }
        return AfterPost.done(flash, r.caseId() != null ? "grid.done.escalated" : "grid.done.selfResolved",
                "/grid/events/" + r.eventId());
    }

    @GetMapping("/grid/events/{id}")
    @PreAuthorize("hasAnyRole('GRID_WORKER','DISPATCHER','SUPERVISOR','LEADER','ADMIN')")
    String event(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        GridEvents.View e = events.find(id, scope.scope(me)).orElseThrow(() -> new NotFoundException("grid event"));
        GridHome.Report report = home.withProgress(List.of(e)).getFirst();
        model.addAttribute("report", report);
        model.addAttribute("mayConfirm", report.awaitingConfirmation() && e.reporterId() == me.id());
        return "grid/event";
    }

    @GetMapping("/grid/events/{id}/photos/{seq}")
    @PreAuthorize("hasAnyRole('GRID_WORKER','DISPATCHER','SUPERVISOR','LEADER','ADMIN')")
    ResponseEntity<byte[]> photo(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @PathVariable int seq) {
        events.find(id, scope.scope(me)).orElseThrow(() -> new NotFoundException("grid event"));
        byte[] jpeg = events.photo(id, seq).orElseThrow(() -> new NotFoundException("photo"));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).cacheControl(CacheControl.noStore()).body(jpeg);
    }

    /** 核实: the reporting worker confirms on site; not resolved sends the case back to the unit. */
    @PostMapping("/grid/events/{id}/confirm")
    @PreAuthorize("hasRole('GRID_WORKER')")
    String confirm(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                   @RequestParam(defaultValue = "true") boolean resolved,
                   @RequestParam(required = false) String note, RedirectAttributes flash) {
        GridEvents.View e = events.find(id, scope.scope(me)).orElseThrow(() -> new NotFoundException("grid event"));
        if (e.caseId() == null || e.reporterId() != me.id()) {
            throw new NotFoundException("grid event");
        }
        progress.confirmOnSite(e.caseId(), me, resolved, note);
        return AfterPost.done(flash, resolved ? "grid.done.confirmed" : "grid.done.reopened", "/grid/events/" + id);
    }

    @GetMapping("/grid/visit")
    @PreAuthorize("hasRole('GRID_WORKER')")
    String visitForm(@AuthenticationPrincipal StaffUser me, Model model) {
        draftForm(me, model);
        model.addAttribute("kinds", VisitKind.values());
        model.addAttribute("today", recordVisit.today());
        return "grid/visit";
    }

    @PostMapping("/grid/visits")
    @PreAuthorize("hasRole('GRID_WORKER')")
    Object visit(@AuthenticationPrincipal StaffUser me, VisitForm form,
                 @RequestHeader(name = "Accept", required = false) String accept, RedirectAttributes flash) {
        requireOwnDraft(me, form.owner());
        var r = recordVisit.record(me, new RecordVisit.NewVisit(form.key(), form.gridId(), form.householdId(),
                form.buildingId(), form.visitedOn(), form.kind(), form.findings(), form.dispute()));
        if (wantsJson(accept)) {
            return ResponseEntity.status(r.replay() ? HttpStatus.OK : HttpStatus.CREATED)
                    .body(Map.of("id", r.visitId(), "replay", r.replay(), "dispute", r.disputeCaseId() != null));
        }
        return AfterPost.done(flash, r.disputeCaseId() != null ? "grid.done.visitDispute" : "grid.done.visit", "/grid");
    }

    /** Households of the worker's grids: personal data, so the view is audited and ID numbers are masked. */
    @GetMapping("/grid/households")
    @PreAuthorize("hasRole('GRID_WORKER')")
    String households(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) String q,
                      @RequestParam(defaultValue = "false") boolean due,
                      @RequestParam(required = false) Integer page, Model model) {
        List<GridRef> grids = scope.own(me);
        model.addAttribute("grids", grids);
        model.addAttribute("q", q);
        model.addAttribute("due", due);
        model.addAttribute("result", households.viewedBy(grids.stream().map(GridRef::id).toList(), q,
                due ? recordVisit.today() : null, page, audit));
        return "grid/households";
    }

    /** A fresh CSRF token for the outbox: a page cached while offline may carry a stale one. */
    @GetMapping(value = "/grid/csrf", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('GRID_WORKER')")
    @ResponseBody
    ResponseEntity<Map<String, String>> csrf(@AuthenticationPrincipal StaffUser me, CsrfToken token) {
        // the account too: a page kept from an earlier session must not send its drafts as this one
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("header", token.getHeaderName(), "parameter", token.getParameterName(),
                        "token", token.getToken(), "staff", String.valueOf(me.id())));
    }

    @GetMapping(value = "/grid/manifest.webmanifest", produces = "application/manifest+json")
    @ResponseBody
    String manifest() {
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        boolean english = "en".equals(locale.getLanguage());
        return """
                {"name":"%s","short_name":"%s","start_url":"/grid","scope":"/grid",
                 "display":"standalone","background_color":"#ffffff","theme_color":"#b71c1c","lang":"%s",
                 "icons":[{"src":"/grid/icon.svg","sizes":"any","type":"image/svg+xml","purpose":"any"}]}"""
                .formatted(messages.getMessage("grid.manifest.name", null, locale),
                        messages.getMessage("grid.app", null, locale), english ? "en" : "zh-CN");
    }

    static boolean wantsJson(String accept) {
        return accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE);
    }

    private static List<byte[]> bytes(List<MultipartFile> files) {
        List<byte[]> out = new ArrayList<>();
        if (files == null) {
            return out;
        }
        for (MultipartFile f : files) {
            if (f == null || f.isEmpty()) {
                continue;
            }
            try {
                out.add(f.getBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("grid.invalid.occurredAt");
        }
    }
}
