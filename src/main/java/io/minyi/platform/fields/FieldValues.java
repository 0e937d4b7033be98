package io.minyi.platform.fields;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The values of one record, by field: what a form or a spreadsheet row said, or what a stored record holds. */
public final class FieldValues {

    private final Map<Field<?>, Object> values = new HashMap<>();

    public <T> FieldValues put(Field<T> field, T value) {
        values.put(field, value);
        return this;
    }

    <T> void putRead(Field<T> field, String raw, Problems problems) {
        values.put(field, field.read(raw, problems.about(field)));
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Field<T> field) {
        return (T) values.get(field);
    }

    <T> Object cell(Field<T> field) {
        return field.cell(get(field));
    }

    <T> String text(Field<T> field) {
        return field.text(get(field));
    }

    /** Whether both hold the same value for every field of {@code spec} (absent and blank being the same). */
    public boolean sameAs(FieldValues other, FieldSpec spec) {
        return spec.fields().stream().allMatch(f -> Objects.equals(text(f), other.text(f)));
    }
}
