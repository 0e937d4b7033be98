package io.minyi.org.web;

import io.minyi.platform.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every problem with a form or a spreadsheet row, in Chinese, so the user can fix them all at once. */
final class Problems {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");

    private final List<String> list = new ArrayList<>();

    /** Trims, turns blank into null and checks the length; returns the cleaned value. */
    String text(String value, String label, boolean required, int maxLength) {
        String v = clean(value);
        if (v == null) {
            if (required) {
                list.add(label + "为空");
            }
            return null;
        }
        if (v.length() > maxLength) {
            list.add(label + "不能超过" + maxLength + "个字");
        } else if (CONTROL.matcher(v).find()) {
            list.add(label + "含有不可见的控制字符");
        }
        return v;
    }

    void add(String problem) {
        list.add(problem);
    }

    void check(boolean ok, String problem) {
        if (!ok) {
            list.add(problem);
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<String> list() {
        return List.copyOf(list);
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidInputException(list);
        }
    }

    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }
}
