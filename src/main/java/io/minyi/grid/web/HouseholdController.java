package io.minyi.grid.web;

import io.minyi.grid.internal.HouseholdAdmin;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.AfterPost;
import io.minyi.platform.Download;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.fields.SpecForm;
import io.minyi.platform.fields.Xlsx;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The township centre's household register: the list, one household's form, the sheet's import, export and template.
 * Households are personal data: kept by dispatchers and admins within their grids, every view and export audited,
 * ID and phone numbers only ever shown masked.
 */
@Controller
@PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
@RequiredArgsConstructor
class HouseholdController {

    static final int LISTED = 200;
    private static final String REGISTER = "/grid/centre/households";

    private final HouseholdAdmin admin;
    private final MessageSource messages;

    @GetMapping(REGISTER)
    String list(@AuthenticationPrincipal StaffUser me, Model model) {
        model.addAttribute("households", admin.listed(me, LISTED));
        model.addAttribute("gridCodes", admin.grids(me).values().stream()
                .collect(Collectors.toMap(GridRef::id, GridRef::code)));
        model.addAttribute("listed", LISTED);
        return "grid/household-list";
    }

    @PostMapping(REGISTER)
    String importSheet(@AuthenticationPrincipal StaffUser me, @RequestParam(required = false) MultipartFile file,
                       RedirectAttributes flash) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("grid.invalid.sheet");
        }
        HouseholdAdmin.Result result = admin.importSheet(file.getBytes(), me);
        flash.addFlashAttribute("householdsAdded", result.added());
        flash.addFlashAttribute("householdsUpdated", result.updated());
        flash.addFlashAttribute("householdsUnchanged", result.unchanged());
        return "redirect:/grid/centre";
    }

    @GetMapping(REGISTER + ".xlsx")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me) {
        return Download.of(admin.export(me), fileName("fileName"), Xlsx.CONTENT_TYPE);
    }

    @GetMapping(REGISTER + "/template.xlsx")
    ResponseEntity<byte[]> template() {
        return Download.of(admin.template(), fileName("templateName"), Xlsx.CONTENT_TYPE);
    }

    @GetMapping(REGISTER + "/new")
    String newForm(@AuthenticationPrincipal StaffUser me, Model model) {
        return form(me, model, null, admin.fields().spec().emptyForm(), null);
    }

    @PostMapping(REGISTER + "/new")
    String create(@AuthenticationPrincipal StaffUser me, @RequestParam MultiValueMap<String, String> params,
                  Model model, HttpServletResponse response, RedirectAttributes flash) {
        return save(me, null, params, model, response, flash);
    }

    @GetMapping(REGISTER + "/{id:\\d+}")
    String show(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        return form(me, model, id, admin.form(me, id), null);
    }

    @PostMapping(REGISTER + "/{id:\\d+}")
    String update(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response,
                  RedirectAttributes flash) {
        return save(me, id, params, model, response, flash);
    }

    /** Saves and shows the saved household; a refusal shows the form again, each problem beside its field, with 400. */
    private String save(StaffUser me, Long id, MultiValueMap<String, String> params, Model model,
                        HttpServletResponse response, RedirectAttributes flash) {
        return AfterPost.orFormAgain(() -> AfterPost.done(flash, "grid.households.saved",
                        REGISTER + "/" + admin.save(me, params, id)), response,
                refused -> form(me, model, id, admin.fields().spec().typed(params), refused));
    }

    private String form(StaffUser me, Model model, Long id, Map<String, String> form, InvalidInputException refused) {
        model.addAttribute("row", id == null ? null : admin.inScope(me, id));
        model.addAttribute("picks", admin.grids(me).values());
        SpecForm.of(admin.fields().spec().fields(), form, refused).addTo(model);
        return "grid/household-form";
    }

    private String fileName(String key) {
        return messages.getMessage("grid.householdSheet." + key, null, LocaleContextHolder.getLocale()) + ".xlsx";
    }
}
