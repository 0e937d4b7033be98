package io.minyi.grid.web;

import io.minyi.grid.internal.Taxonomy;
import io.minyi.grid.internal.Taxonomy.Table;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's page for the grid's two configuration tables: grid-event categories and grid kinds. A refused change
 * comes back on the same page with the reason and what was typed, answered 400.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
@RequiredArgsConstructor
class GridTaxonomyController {

    static final String PATH = "/admin/grid-taxonomy";

    private final Taxonomy taxonomy;

    @GetMapping(PATH)
    String page(Model model) {
        model.addAttribute("categories", taxonomy.list(Table.CATEGORY));
        model.addAttribute("kinds", taxonomy.list(Table.KIND));
        return "grid/taxonomy";
    }

    @PostMapping(PATH + "/{table}")
    String add(@PathVariable String table, Taxonomy.Form form, Model model, HttpServletResponse response,
               RedirectAttributes flash) {
        Table t = table(table);
        return change(() -> taxonomy.add(t, form), "grid.admin.done.added", t, form, null, model, response, flash);
    }

    @PostMapping(PATH + "/{table}/{code}")
    String rename(@PathVariable String table, @PathVariable String code, Taxonomy.Form form, Model model,
                  HttpServletResponse response, RedirectAttributes flash) {
        Table t = table(table);
        return change(() -> taxonomy.rename(t, code, form), "grid.admin.done.renamed", t, form, code, model, response,
                flash);
    }

    @PostMapping(PATH + "/{table}/{code}/active")
    String active(@PathVariable String table, @PathVariable String code, @RequestParam boolean active, Model model,
                  HttpServletResponse response, RedirectAttributes flash) {
        Table t = table(table);
        return change(() -> taxonomy.setActive(t, code, active),
                active ? "grid.admin.done.activated" : "grid.admin.done.deactivated", t, null, code, model, response,
                flash);
    }

    @PostMapping(PATH + "/{table}/{code}/delete")
    String delete(@PathVariable String table, @PathVariable String code, Model model, HttpServletResponse response,
                  RedirectAttributes flash) {
        Table t = table(table);
        return change(() -> taxonomy.delete(t, code), "grid.admin.done.deleted", t, null, code, model, response,
                flash);
    }

    private String change(Runnable work, String done, Table t, Taxonomy.Form form, String code, Model model,
                          HttpServletResponse response, RedirectAttributes flash) {
        try {
            work.run();
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", e.problems());
            model.addAttribute("failed", t.name());
            model.addAttribute("failedCode", code);
            model.addAttribute("form", form);
            return page(model);
        }
        flash.addFlashAttribute("done", done);
        return "redirect:" + PATH;
    }

    private static Table table(String name) {
        return switch (name) {
            case "categories" -> Table.CATEGORY;
            case "kinds" -> Table.KIND;
            default -> throw new NotFoundException("grid taxonomy " + name);
        };
    }
}
