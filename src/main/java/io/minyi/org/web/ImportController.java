package io.minyi.org.web;

import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.Download;
import io.minyi.platform.fields.Xlsx;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * Excel import of the organisation model. The upload is read and its header checked at once (a broken file is a 400
 * right away); the rows are then checked and written by {@link ImportJobs} while the page shows progress.
 */
@Controller
@PreAuthorize(Access.WRITE)
@RequiredArgsConstructor
class ImportController {

    private static final String KINDS = "{kind:jurisdictions|units|officers|grids|staff}";

    private final ImportJobs jobs;
    private final MessageSource messages;

    @GetMapping("/admin/" + KINDS + "/import")
    String page(@PathVariable String kind, Model model) {
        OrgKind<?, ?> k = jobs.kind(kind);
        model.addAttribute("kind", k);
        model.addAttribute("header", k.spec().header(messages, true));
        return "org/import";
    }

    @GetMapping("/admin/" + KINDS + "/template")
    ResponseEntity<byte[]> template(@PathVariable String kind) {
        OrgKind<?, ?> k = jobs.kind(kind);
        return Download.of(k.template(), messages.getMessage("org.import.templateFile", new Object[]{k.title()},
                LocaleContextHolder.getLocale()), Xlsx.CONTENT_TYPE);
    }

    @PostMapping("/admin/" + KINDS + "/import")
    String upload(@AuthenticationPrincipal StaffUser me, @PathVariable String kind,
                  @RequestParam(required = false) MultipartFile file) throws IOException {
        OrgKind<?, ?> k = jobs.kind(kind);
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("org.import.noFile");
        }
        List<Xlsx.SheetRow> rows = Xlsx.read(file.getBytes());
        UUID id = jobs.start(me, k, file.getOriginalFilename(), rows);
        return "redirect:/admin/imports/" + id;
    }

    @GetMapping("/admin/imports/{id}")
    String job(@AuthenticationPrincipal StaffUser me, @PathVariable UUID id, Model model) {
        model.addAttribute("job", jobs.get(me, id));
        return "org/import-job";
    }

    /** The part of the job page that htmx refreshes while the job runs. */
    @GetMapping("/admin/imports/{id}/status")
    String status(@AuthenticationPrincipal StaffUser me, @PathVariable UUID id, Model model) {
        model.addAttribute("job", jobs.get(me, id));
        return "org/import-job :: status";
    }
}
