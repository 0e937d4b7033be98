package io.minyi.casework.web;

import io.minyi.casework.CaseType;
import io.minyi.casework.internal.CaseCategories;
import lombok.RequiredArgsConstructor;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 类别目录: the administrator keeps the categories each case type may be classified under. */
@Controller
@RequestMapping("/admin/categories")
@PreAuthorize("hasRole('ADMIN')")
@RequiredArgsConstructor
class CategoryController {

    private final CaseCategories categories;

    record NewCategory(CaseType type, String name, Long parentId) {
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("byType", categories.all());
        model.addAttribute("types", CaseType.values());
        return "casework/categories";
    }

    @PostMapping
    String add(NewCategory form, RedirectAttributes flash) {
        categories.add(form.type(), form.name(), form.parentId());
        flash.addFlashAttribute("done", "casework.category.added");
        return "redirect:/admin/categories";
    }

    @PostMapping("/{id}/active")
    String active(@PathVariable long id, @RequestParam boolean active, RedirectAttributes flash) {
        categories.setActive(id, active);
        flash.addFlashAttribute("done", active ? "casework.category.activated" : "casework.category.deactivated");
        return "redirect:/admin/categories";
    }
}
