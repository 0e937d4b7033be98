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
 * @param input    how a form asks for it, taken from the same rules (length, range, choices)
 */
public record Field<T>(String name, String label, boolean required, Parser<T> parse, Function<T, Object> format,
                       Input input) {

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
        }, v -> v, Input.of(Input.Type.TEXT, name, maxLength));
    }

    /**
     * Text that a rule of its own checks (a password, say); the form limits it to {@code minLength}..{@code maxLength}
     * characters as the rule does.
     */
    public static Field<String> checked(String name, String label, Input.Type type, int minLength, int maxLength,
                                        Parser<String> parse) {
        return new Field<>(name, label, false, parse, v -> "",
                Input.of(type, name, maxLength).withRange(minLength, maxLength));
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
        }, v -> v, plain.input());
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
        }, n -> n, Input.of(Input.Type.NUMBER, name, String.valueOf(max).length()).withRange(min, max));
    }

    /** One of a closed set, typed as its code or its label; written as its label, which is what people read. */
    public static <E> Field<E> choice(String name, String label, boolean required, Choices<E> choices) {
        return new Field<>(name, label, required, (text, report) -> {
            Optional<E> value = choices.parse(text);
            if (value.isEmpty()) {
                report.problem("fields.unknownChoice", text);
            }
            return value.orElse(null);
        }, v -> choices.label().apply(v), Input.of(Input.Type.CHOICE, name, 0).withChoices(choices));
    }

    /** Several values of a closed set in one cell (or several form parameters), kept in order without repeats. */
    public static <E> Field<Set<E>> choices(String name, String label, boolean required, Choices<E> choices) {
        return new Field<>(name, label, required, (text, report) -> {
            Set<E> values = new LinkedHashSet<>();
            List<String> unknown = Arrays.stream(LIST_SEPARATOR.split(text)).filter(t -> !t.isBlank())
                    .filter(t -> choices.parse(t).map(values::add).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                report.problem("fields.unknownChoice", String.join("、", unknown));
            } else if (values.isEmpty() && required) {
                report.missing();
            }
            return values;
        }, values -> values.stream().map(choices.label()).collect(Collectors.joining("、")),
                Input.of(Input.Type.CHOICES, name, 0).withChoices(choices));
    }

    /** A list of keys (user names, codes) in one cell, kept in order without repeats. */
    public static Field<Set<String>> keys(String name, String label, int maxLength) {
        return new Field<>(name, label, false, (text, report) -> {
            if (text.length() > maxLength) {
                report.problem("fields.tooLong", maxLength);
            }
            return Arrays.stream(LIST_SEPARATOR.split(text)).filter(t -> !t.isBlank())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }, values -> String.join("、", values), Input.of(Input.Type.KEYS, name, maxLength));
    }

    /** The same field shown as another control of its kind (an e-mail address, say). */
    public Field<T> shownAs(Input.Type type) {
        return withInput(input.withType(type));
    }

    /**
     * The same field, which a form picks from a list by id under {@code param} ({@code labelKey} names the list)
     * while a file names the record by the code this field holds.
     */
    public Field<T> pickedBy(String param, String labelKey) {
        return withInput(input.pickedBy(param, labelKey));
    }

    /** The same field under another label on the form than in the file (a hint the column does not need). */
    public Field<T> labelledOnForm(String labelKey) {
        return withInput(input.labelled(labelKey));
    }

    /**
     * The same field, given when a record is made: reported missing then, read-only on the form afterwards (a password
     * is not asked again: it is reset on a form of its own).
     */
    public Field<T> fixed() {
        return withInput(input.fixedOnceMade());
    }

    private Field<T> withInput(Input newInput) {
        return new Field<>(name, label, required, parse, format, newInput);
    }

    /** The label of the form's control. */
    public String formLabel() {
        return input.labelKey() == null ? label : input.labelKey();
    }

    /** The label a problem names: on a form, a picked field is the list the person chose from, not its code. */
    String problemLabel(boolean onForm) {
        return onForm && input.type() == Input.Type.PICKED ? formLabel() : label;
    }

    /** Whether a form about a new record ({@code isNew}) or a stored one asks for the field: a password only once. */
    public boolean askedWhen(boolean isNew) {
        return isNew || input.type() != Input.Type.PASSWORD;
    }

    /** Whether the control must be filled: a required field, or a fixed one on a new record. */
    public boolean requiredWhen(boolean isNew) {
        return required || (input.fixed() && isNew);
    }

    /** Whether the control may not change: a fixed field of a stored record. */
    public boolean readOnlyWhen(boolean isNew) {
        return input.fixed() && !isNew;
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
