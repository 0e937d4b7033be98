package io.minyi.platform.fields;

import io.minyi.platform.InvalidInputException;
import org.springframework.ui.Model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fragment {@code fragments/fields :: spec-fields} draws a form from: the fields it asks for, what the form
 * holds for each (stored, or typed before a refusal), each field's problems beside it, and the problems that belong to
 * no shown field, above the form.
 */
public record SpecForm(List<Field<?>> fields, Map<String, String> form, Map<String, List<String>> fieldProblems,
                       List<String> problems, int problemsBeside) {

    /** The form holding {@code form}, with {@code refused}'s problems (null: none) filed beside their fields. */
    public static SpecForm of(List<Field<?>> fields, Map<String, String> form, InvalidInputException refused) {
        Map<String, List<String>> reported = refused instanceof InvalidFieldsException r ? r.byField() : Map.of();
        Map<String, List<String>> beside = new HashMap<>();
        fields.forEach(f -> beside.put(f.name(), reported.getOrDefault(f.name(), List.of())));
        List<String> above = refused == null ? List.of() : refused.problems().stream()
                .filter(p -> beside.values().stream().noneMatch(l -> l.contains(p))).toList();
        return new SpecForm(fields, form, beside, above,
                beside.values().stream().mapToInt(List::size).sum());
    }

    /** The attributes the fragment reads. */
    public void addTo(Model model) {
        model.addAttribute("form", form);
        model.addAttribute("fields", fields);
        model.addAttribute("fieldProblems", fieldProblems);
        model.addAttribute("problems", problems);
        model.addAttribute("problemsBeside", problemsBeside);
    }
}
