package io.minyi.platform.fields;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A closed set of values a field may take: what the form offers, and what an import or a form accepts (a value's code
 * in any case, its label, or one of its other names), so that the form's options and the import's rule are one list.
 *
 * @param values  the values offered now (a configured set may change between two reads)
 * @param code    the stable key a form submits
 * @param label   how people write the value in a spreadsheet
 * @param aliases other names a file may give it (its label in another language), matched in any case
 */
public record Choices<E>(Supplier<List<E>> values, Function<E, String> code, Function<E, String> label,
                         Function<E, List<String>> aliases) {

    public Choices(Supplier<List<E>> values, Function<E, String> code, Function<E, String> label) {
        this(values, code, label, v -> List.of());
    }

    public static <E extends Enum<E>> Choices<E> of(Class<E> type, Function<E, String> label) {
        List<E> all = List.of(type.getEnumConstants());
        return new Choices<>(() -> all, Enum::name, label);
    }

    /**
     * Values written in the reader's language ({@code key} names each one's message), so that an export reads in the
     * language its reader chose, and read back in any of {@code languages}, whoever wrote the file.
     */
    public static <E> Choices<E> named(List<E> values, Function<E, String> code, Function<E, String> key,
                                       MessageSource messages, List<java.util.Locale> languages) {
        List<E> all = List.copyOf(values);
        return new Choices<>(() -> all, code,
                v -> messages.getMessage(key.apply(v), null, key.apply(v), LocaleContextHolder.getLocale()),
                v -> languages.stream().map(l -> messages.getMessage(key.apply(v), null, key.apply(v), l)).toList());
    }

    /** The value whose code (in any case), label or other name is {@code text}. */
    public Optional<E> parse(String text) {
        String t = text == null ? "" : text.strip();
        return values.get().stream().filter(v -> code.apply(v).equalsIgnoreCase(t) || label.apply(v).equals(t)
                || aliases.apply(v).stream().anyMatch(t::equalsIgnoreCase)).findFirst();
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
