package io.minyi.platform.fields;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One field of a kind of record, as the form, the spreadsheet import, the export and the demo loader all see it: its
 * form parameter, its label (a message key), whether it is required, how text becomes a value and how the value is
 * written back. Reading never throws: what is wrong is reported to {@link Problems} under the field's label.
 *
 * @param name     the form parameter and the key in {@link FieldValues}
 * @param label    message key of the label, used for the form, the spreadsheet header and every problem
 * @param required blank is reported as missing
 * @param parse    turns cleaned, non-blank text into a value, or reports a problem and answers null
 * @param format   the value as a spreadsheet cell: a String, or a Number so that numbers stay numbers in .xlsx
 */
public record Field<T>(String name, String label, boolean required, Parser<T> parse, Function<T, Object> format) {

    /** Turns text into a value; the text is stripped, non-blank and free of control characters. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text, Problems.Report report);
    }

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");
    /** How people separate several values in one cell: 、 , ， ; ； or spaces. */
    public static final Pattern LIST_SEPARATOR = Pattern.compile("[、,，;；\\s]+");

    public static Field<String> text(String name, String label, boolean required, int maxLength) {
        return new Field<>(name, label, required, (text, report) -> {
            if (text.length() > maxLength) {
                report.problem("fields.tooLong", maxLength);
            }
            return text;
        }, v -> v);
    }

    /** Text of at most {@code maxLength} characters that must match {@code pattern}, else {@code messageKey}. */
    public static Field<String> matching(String name, String label, boolean required, int maxLength, Pattern pattern,
                                         String messageKey) {
        Field<String> plain = text(name, label, required, maxLength);
        return new Field<>(name, label, required, (text, report) -> {
            String v = plain.parse().parse(text, report);
            if (text.length() <= maxLength && !pattern.matcher(text).matches()) {
                report.problem(messageKey);
            }
            return v;
        }, v -> v);
    }

    /** A whole number from {@code min} to {@code max}; "12.0", as a spreadsheet may show 12, is 12. */
    public static Field<Integer> integer(String name, String label, boolean required, int min, int max) {
        return new Field<>(name, label, required, (text, report) -> {
            try {
                int n = Integer.parseInt(text.endsWith(".0") ? text.substring(0, text.length() - 2) : text);
                if (n < min || n > max) {
                    report.problem("fields.range", min, max);
                }
                return n;
            } catch (NumberFormatException e) {
                report.problem("fields.notInteger");
                return null;
            }
        }, n -> n);
    }

    /**
     * One of a closed set, typed as its code or its label; written as its label, which is what people read.
     *
     * @param parse  the value for a code or label, if any
     * @param labels how each value is written
     */
    public static <E> Field<E> choice(String name, String label, boolean required,
                                      Function<String, Optional<E>> parse, Function<E, String> labels) {
        return new Field<>(name, label, required, (text, report) -> {
            Optional<E> value = parse.apply(text);
            if (value.isEmpty()) {
                report.problem("fields.unknownChoice", text);
            }
            return value.orElse(null);
        }, labels::apply);
    }

    /** Several values of a closed set in one cell (or several form parameters), kept in order without repeats. */
    public static <E> Field<Set<E>> choices(String name, String label, boolean required,
                                            Function<String, Optional<E>> parse, Function<E, String> labels) {
        return new Field<>(name, label, required, (text, report) -> {
            Set<E> values = new LinkedHashSet<>();
            List<String> unknown = Arrays.stream(LIST_SEPARATOR.split(text)).filter(t -> !t.isBlank())
                    .filter(t -> parse.apply(t).map(values::add).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                report.problem("fields.unknownChoice", String.join("、", unknown));
            } else if (values.isEmpty() && required) {
                report.missing();
            }
            return values;
        }, values -> values.stream().map(labels).collect(Collectors.joining("、")));
    }

    /** A list of keys (user names, codes) in one cell, kept in order without repeats. */
    public static Field<Set<String>> keys(String name, String label, int maxLength) {
        return new Field<>(name, label, false, (text, report) -> {
            if (text.length() > maxLength) {
                report.problem("fields.tooLong", maxLength);
            }
            return Arrays.stream(LIST_SEPARATOR.split(text)).filter(t -> !t.isBlank())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }, values -> String.join("、", values));
    }

    /** Reads raw text: blank is absent (reported when required), control characters are refused. */
    T read(String raw, Problems.Report report) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            if (required) {
                report.missing();
            }
            return null;
        }
        if (CONTROL.matcher(text).find()) {
            report.problem("fields.control");
            return null;
        }
        return parse.parse(text, report);
    }

    /** The value as a spreadsheet cell; absent values are empty cells, so columns stay aligned. */
    public Object cell(T value) {
        return value == null ? "" : format.apply(value);
    }

    /** The value as the text a form field shows. */
    public String text(T value) {
        return value == null ? "" : String.valueOf(format.apply(value));
    }
}
