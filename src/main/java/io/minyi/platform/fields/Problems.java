package io.minyi.platform.fields;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every problem with a form or a spreadsheet, in the reader's language, so that all of them are fixed at once. On a
 * spreadsheet each problem names its row and column as Excel shows them ("第5行 第C列 单位编码…不存在"); only the
 * first {@link #MAX_LISTED} are kept, but all are counted.
 */
public final class Problems {

    public static final int MAX_LISTED = 1000;

    private final MessageSource messages;
    private final Locale locale;
    private final FieldSpec spec;
    private final List<String> list = new ArrayList<>();
    private final Map<String, List<String>> byField = new LinkedHashMap<>();
    /** The fields of the current row (or the form) that something is reported about. */
    private final Set<String> reported = new HashSet<>();
    private int count;
    private int row;

    private Problems(MessageSource messages, FieldSpec spec) {
        this.messages = messages;
        this.locale = LocaleContextHolder.getLocale();
        this.spec = spec;
    }

    /** Problems of one form. */
    public static Problems ofForm(MessageSource messages) {
        return new Problems(messages, null);
    }

    /** Problems of a spreadsheet laid out as {@code spec}; call {@link #row(int)} before each row. */
    public static Problems ofSheet(MessageSource messages, FieldSpec spec) {
        return new Problems(messages, spec);
    }

    /** The spreadsheet row (as Excel numbers it) that the next problems belong to. */
    public void row(int number) {
        this.row = number;
        reported.clear();
    }

    /** What a field reports while it is read or checked. */
    public interface Report {
        void problem(String key, Object... args);

        void missing();
    }

    /** Reports problems under the field's label (and, on a spreadsheet, its column). */
    public Report about(Field<?> field) {
        return new Report() {
            @Override
            public void problem(String key, Object... args) {
                add(field, false, key, args);
            }

            @Override
            public void missing() {
                add(field, true, "fields.missing");
            }
        };
    }

    /** A problem of the record as a whole, not of one field. */
    public void add(String key, Object... args) {
        add(null, true, key, args);
    }

    private void add(Field<?> field, boolean wholeRow, String key, Object... args) {
        count++;
        if (field != null) {
            reported.add(field.name());
        }
        if (list.size() >= MAX_LISTED) {
            return;
        }
        Object[] all = args;
        if (field != null) {
            all = new Object[args.length + 1];
            all[0] = text(field.problemLabel(spec == null));
            System.arraycopy(args, 0, all, 1, args.length);
        }
        String text = messages.getMessage(key, all, key, locale);
        if (spec != null && row > 0) {
            text = wholeRow || field == null
                    ? text("fields.atRow", row, text)
                    : text("fields.atCell", row, Xlsx.columnName(spec.columnOf(field)), text);
        }
        list.add(text);
        if (field != null && spec == null) {
            byField.computeIfAbsent(field.name(), n -> new ArrayList<>()).add(text);
        }
    }

    /** A message in the reader's language. */
    public String text(String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** Whether something is already reported about {@code field} (on a spreadsheet: in the current row). */
    public boolean has(Field<?> field) {
        return reported.contains(field.name());
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int count() {
        return count;
    }

    public List<String> list() {
        return List.copyOf(list);
    }

    public void throwIfAny() {
        if (count > 0) {
            throw new InvalidFieldsException(list, byField);
        }
    }
}
