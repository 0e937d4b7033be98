package io.minyi.org.web;

import io.minyi.org.JurisdictionLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.fields.FieldValues;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.util.List;

@Controller
@RequestMapping("/admin/jurisdictions")
class JurisdictionController extends OrgController<Jurisdictions.Row, Jurisdictions.Filter> {

    private final Jurisdictions jurisdictions;

    JurisdictionController(Jurisdictions jurisdictions, OrgDirectory directory, Clock clock) {
        super(jurisdictions, directory, clock);
        this.jurisdictions = jurisdictions;
    }

    @Override
    void listPage(StaffUser me, Jurisdictions.Filter filter, Model model) {
        Jurisdictions.Row parent = filter.parent() == null ? null : jurisdictions.get(me, filter.parent());
        model.addAttribute("parent", parent);
        model.addAttribute("crumbs", parent == null ? List.of() : crumbs(me, parent.id()));
        model.addAttribute("levels", JurisdictionLevel.values());
    }

    /** Breadcrumbs from the top of the caller's own scope down to the node: what lies above is not theirs to see. */
    private List<JurisdictionRef> crumbs(StaffUser me, long id) {
        return directory.lineage(id).stream().filter(j -> me.covers(j.path())).toList();
    }

    /** A new place under the one whose list the user came from. */
    @Override
    @GetMapping("/new")
    @PreAuthorize(Access.WRITE)
    String newForm(@AuthenticationPrincipal StaffUser me, Model model) {
        return newChild(me, null, model);
    }

    @GetMapping(value = "/new", params = "parent")
    @PreAuthorize(Access.WRITE)
    String newChild(@AuthenticationPrincipal StaffUser me, @RequestParam Long parent, Model model) {
        FieldValues v = new FieldValues();
        if (parent != null) {
            v.put(Jurisdictions.PARENT, jurisdictions.get(me, parent).code());
        }
        return form(me, model, jurisdictions.spec().form(v), null, null);
    }

    @Override
    String formPage(StaffUser me, Model model, Jurisdictions.Row row) {
        model.addAttribute("crumbs", row == null ? List.of() : crumbs(me, row.id()));
        return "org/jurisdiction-form";
    }
}
