package io.minyi.platform.fields;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A closed set of values a field may take: what the form offers, and what an import or a form accepts (a value's code
 * in any case, or its label), so that the form's options and the import's rule are one list.
 *
 * @param values the values offered now (a configured set may change between two reads)
 * @param code   the stable key a form submits
 * @param label  how people write the value in a spreadsheet
 */
public record Choices<E>(Supplier<List<E>> values, Function<E, String> code, Function<E, String> label) {

    public static <E extends Enum<E>> Choices<E> of(Class<E> type, Function<E, String> label) {
        List<E> all = List.of(type.getEnumConstants());
        return new Choices<>(() -> all, Enum::name, label);
    }

    /** The value whose code (in any case) or label is {@code text}. */
    public Optional<E> parse(String text) {
        String t = text == null ? "" : text.strip();
        return values.get().stream().filter(v -> code.apply(v).equalsIgnoreCase(t) || label.apply(v).equals(t))
                .findFirst();
    }

    /** What a form offers, in order. */
    public List<Option> options() {
        return values.get().stream().map(v -> new Option(code.apply(v), label.apply(v), v)).toList();
    }

    /**
     * One value as a form offers it.
     *
     * @param value the submitted code
     * @param label the label as stored data says it
     * @param item  the value itself, so that a page may show an enum in the reader's language
     */
    public record Option(String value, String label, Object item) {
        /** Whether a form's text (a code or a label, as typed or read back) names this option. */
        public boolean named(String text) {
            return text != null && (text.equals(value) || text.equals(label));
        }
    }
}
