package io.minyi.org.web;

import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.AfterPost;
import io.minyi.platform.Download;
import io.minyi.platform.PageResult;
import io.minyi.platform.fields.SpecForm;
import io.minyi.platform.fields.Xlsx;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The pages every kind of organisation record has: the filtered list (view {@code org/<path>}) and its export, new,
 * create, show, update, switch on or off, all with redirect-after-post. Invalid input renders the same form again with
 * every problem and status 400, so nothing typed is lost. A subclass adds the choices its filter and its form offer.
 */
@PreAuthorize(Access.READ)
abstract class OrgController<R extends OrgKind.Record, F extends OrgKind.ListFilter> {

    final OrgKind<R, F> kind;
    final OrgDirectory directory;
    final Clock clock;
    private final String section;

    OrgController(OrgKind<R, F> kind, OrgDirectory directory, Clock clock) {
        this.kind = kind;
        this.directory = directory;
        this.clock = clock;
        this.section = "/admin/" + kind.path();
    }

    /** The choices of a list's "where" filter: the caller's own jurisdiction and those right under it. */
    List<JurisdictionRef> places(StaffUser me) {
        return directory.placesDown(me.jurisdictionId(), 1);
    }

    /** The units a filter or a form may name: those in the caller's scope. */
    List<UnitRef> units(StaffUser me) {
        return directory.unitsWithin(me.jurisdictionPath());
    }

    /** Adds what the list page needs besides its rows: the choices of its filter. */
    abstract void listPage(StaffUser me, F filter, Model model);

    /** Adds what the form page needs besides the record and the form; answers the view name. */
    abstract String formPage(StaffUser me, Model model, R row);

    @GetMapping
    String list(@AuthenticationPrincipal StaffUser me, @ModelAttribute("filter") F filter,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                Model model) {
        listPage(me, filter, model);
        model.addAttribute("page", kind.page(me, filter, PageResult.Request.of(page, size)));
        model.addAttribute("links", filter.links(section));
        return "org/" + kind.path();
    }

    /** The list as filtered on screen, in the import's columns. */
    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal StaffUser me, @ModelAttribute("filter") F filter) {
        return Download.of(kind.export(kind.all(me, filter)), kind.title() + "-" + LocalDate.now(clock) + ".xlsx",
                Xlsx.CONTENT_TYPE);
    }

    @GetMapping("/new")
    @PreAuthorize(Access.WRITE)
    String newForm(@AuthenticationPrincipal StaffUser me, Model model) {
        return form(me, model, kind.spec().emptyForm(), null, null);
    }

    @PostMapping
    @PreAuthorize(Access.WRITE)
    String create(@AuthenticationPrincipal StaffUser me, @RequestParam MultiValueMap<String, String> params,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return submit(() -> kind.create(me, params), "org.notice.created", redirect, response,
                refused -> form(me, model, kind.spec().typed(params), null, refused));
    }

    @GetMapping("/{id:\\d+}")
    String show(@AuthenticationPrincipal StaffUser me, @PathVariable long id, Model model) {
        R row = kind.get(me, id);
        return form(me, model, kind.spec().form(kind.values(row)), row, null);
    }

    @PostMapping("/{id:\\d+}")
    @PreAuthorize(Access.WRITE)
    String update(@AuthenticationPrincipal StaffUser me, @PathVariable long id,
                  @RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        R row = kind.get(me, id);
        return submit(() -> {
            kind.update(me, id, params);
            return id;
        }, "org.notice.saved", redirect, response, refused -> form(me, model, kind.spec().typed(params), row, refused));
    }

    @PostMapping("/{id:\\d+}/active")
    @PreAuthorize(Access.WRITE)
    String setActive(@AuthenticationPrincipal StaffUser me, @PathVariable long id, @RequestParam boolean active,
                     RedirectAttributes redirect) {
        kind.setActive(me, id, active);
        return done(id, active ? "org.notice.activated" : "org.notice.deactivated", redirect);
    }

    /**
     * The record's form (null {@code row}: a new one) holding {@code form}; a refusal's problems about a field the form
     * shows go beside that field, the others above the form.
     */
    String form(StaffUser me, Model model, Map<String, String> form, R row, InvalidInputException refused) {
        model.addAttribute("row", row);
        SpecForm.of(kind.formFields(row), form, refused).addTo(model);
        model.addAttribute("canEdit", me.has(Role.ADMIN));
        return formPage(me, model, row);
    }

    /** Makes a change and shows the record with a notice, or renders the form again with status 400. */
    String submit(LongSupplier change, String notice, RedirectAttributes redirect, HttpServletResponse response,
                  Function<InvalidInputException, String> formAgain) {
        return AfterPost.orFormAgain(() -> done(change.getAsLong(), notice, redirect), response, formAgain);
    }

    String done(long id, String notice, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + section + "/" + id;
    }
}
