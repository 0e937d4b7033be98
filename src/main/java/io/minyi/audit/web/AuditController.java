package io.minyi.audit.web;

import io.minyi.audit.AuditReaders;
import io.minyi.audit.AuditTrail;
import io.minyi.audit.AuditTrail.AuditQuery;
import io.minyi.platform.PageResult;
import lombok.RequiredArgsConstructor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The ADMIN's view of the audit trail: search it, and check that nobody has rewritten it. */
@Controller
@RequestMapping("/admin/audit")
@PreAuthorize("hasRole('ADMIN')")
@RequiredArgsConstructor
class AuditController {

    private final AuditTrail audit;
    private final AuditReaders readers;
    private final Clock clock;
    private final AuditChoices choices;

    /** The search form as typed; dates are whole days in the city's time zone, both ends included. */
    record Search(String actor, String action, String recordType, String recordId,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

        AuditQuery query(ZoneId zone) {
            return new AuditQuery(actor, action, recordType, recordId,
                    from == null ? null : from.atStartOfDay(zone).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
        }

        public String pageLink(int page) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath("/admin/audit");
            add(b, "actor", actor);
            add(b, "action", action);
            add(b, "recordType", recordType);
            add(b, "recordId", recordId);
            add(b, "from", from);
            add(b, "to", to);
            return b.queryParam("page", page).encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder b, String name, Object value) {
            if (value != null && !String.valueOf(value).isBlank()) {
                b.queryParam(name, value);
            }
        }
    }

    @GetMapping
    String search(Search search, @RequestParam(required = false) Integer page,
                  @RequestParam(required = false) Integer size, Model model) {
        model.addAttribute("search", search);
        model.addAttribute("zone", clock.getZone());
        var visible = readers.visibleToCurrentReader();
        var result = audit.search(search.query(clock.getZone()), visible, PageResult.Request.of(page, size));
        model.addAttribute("page", result);
        model.addAttribute("choices", choices.choices(visible));
        java.util.Map<String, String> names = new java.util.HashMap<>();
        result.items().forEach(e -> names.put(e.actor(), choices.nameOf(e.actor())));
        model.addAttribute("names", names);
        return "audit/audit";
    }

    /** Read-only, so the answer is the page itself rather than a redirect. */
    @PostMapping("/verify")
    String verify(Model model) {
        model.addAttribute("check", audit.verifyChain());
        return search(new Search(null, null, null, null, null, null), 1, null, model);
    }
}
