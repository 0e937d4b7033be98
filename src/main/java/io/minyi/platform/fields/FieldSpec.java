package io.minyi.platform.fields;

import io.minyi.platform.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The fields of one kind of record, in the order of its spreadsheet columns. The same specification reads a form, reads
 * each row of an import, writes the import template and writes the export, so a field rule is written once and an
 * exported sheet imports again unchanged.
 */
public record FieldSpec(List<Field<?>> fields) {

    public FieldSpec {
        fields = List.copyOf(fields);
    }

    public static FieldSpec of(Field<?>... fields) {
        return new FieldSpec(List.of(fields));
    }

    int columnOf(Field<?> field) {
        return fields.indexOf(field);
    }

    /** Reads form parameters (several values of one parameter count as one list). */
    public FieldValues read(Map<String, List<String>> params, Problems problems) {
        return read(f -> {
            List<String> values = params.get(f.name());
            return values == null ? null : String.join(",", values);
        }, problems);
    }

    /**
     * Reads a form whose picked fields send a record's id under their own parameter: {@code codeOf} answers the code a
     * file names that record by (empty when the id is unknown or out of scope, which reads as "#id" for the field's
     * check to refuse).
     */
    public FieldValues read(Map<String, List<String>> params, LongFunction<Optional<String>> codeOf,
                            Problems problems) {
        Map<String, List<String>> byCode = new HashMap<>(params);
        fields.stream().filter(f -> f.input().type() == Input.Type.PICKED)
                .forEach(f -> byCode.put(f.name(), pickedCode(params.get(f.input().param()), codeOf)));
        return read(byCode, problems);
    }

    private static List<String> pickedCode(List<String> ids, LongFunction<Optional<String>> codeOf) {
        String id = ids == null || ids.isEmpty() ? "" : ids.getFirst().strip();
        if (!id.matches("\\d{1,18}")) {
            return new ArrayList<>();
        }
        return codeOf.apply(Long.parseLong(id)).map(List::of).orElse(List.of("#" + id));
    }

    /** Reads one spreadsheet row laid out as this specification. */
    public FieldValues read(Xlsx.SheetRow row, Problems problems) {
        problems.row(row.number());
        return read(f -> row.cell(columnOf(f)), problems);
    }

    private FieldValues read(Function<Field<?>, String> raw, Problems problems) {
        FieldValues values = new FieldValues();
        for (Field<?> f : fields) {
            values.putRead(f, raw.apply(f), problems);
        }
        return values;
    }

    /** The header row in the reader's language: labels, with * after the required ones when {@code marked}. */
    public List<String> header(MessageSource messages, boolean marked) {
        Locale locale = LocaleContextHolder.getLocale();
        return fields.stream().map(f -> messages.getMessage(f.label(), null, f.label(), locale)
                + (marked && f.required() ? "*" : "")).toList();
    }

    /** One row as spreadsheet cells. */
    public List<Object> cells(FieldValues values) {
        List<Object> cells = new ArrayList<>();
        fields.forEach(f -> cells.add(values.cell(f)));
        return cells;
    }

    /** Form parameter → text, for every field, so that a template can read {@code form.name} for each. */
    public Map<String, String> form(FieldValues values) {
        Map<String, String> form = new LinkedHashMap<>();
        fields.forEach(f -> form.put(f.name(), values.text(f)));
        return form;
    }

    /** An empty form. */
    public Map<String, String> emptyForm() {
        return form(new FieldValues());
    }

    /** What a person typed, shown again after a refusal: every parameter but a password and the two tokens. */
    public Map<String, String> typed(Map<String, List<String>> params) {
        Map<String, String> form = emptyForm();
        List<String> secret = fields.stream().filter(f -> f.input().type() == Input.Type.PASSWORD).map(Field::name)
                .toList();
        params.forEach((name, values) -> {
            if (!secret.contains(name) && !name.equals("_csrf") && !name.equals(io.minyi.platform.SubmittedForms.FIELD)) {
                form.put(name, String.join(",", values));
            }
        });
        return form;
    }

    /**
     * Refuses a header row that is not this specification's (labels in any of {@code locales}; the * is optional), so
     * that a file made from another template is not read column by column into the wrong fields.
     */
    public void checkHeader(Xlsx.SheetRow header, MessageSource messages, List<Locale> locales, String templateName) {
        List<String> problems = new ArrayList<>();
        Locale reader = LocaleContextHolder.getLocale();
        for (int c = 0; c < fields.size(); c++) {
            String label = fields.get(c).label();
            String actual = header.cell(c).replace("*", "").strip();
            boolean known = locales.stream().anyMatch(l -> messages.getMessage(label, null, label, l).equals(actual));
            if (!known) {
                problems.add(messages.getMessage("fields.badHeader", new Object[]{Xlsx.columnName(c),
                        messages.getMessage(label, null, label, reader), actual, templateName}, reader));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
