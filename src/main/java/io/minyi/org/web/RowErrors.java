package io.minyi.org.web;

import java.util.ArrayList;
import java.util.List;

/** Errors of a spreadsheet, each naming its row (and column) as Excel shows them: "第5行 第C列 单位编码不存在". */
final class RowErrors {

    static final int MAX_LISTED = 1000;

    private final List<String> list = new ArrayList<>();
    private int count;

    void row(int row, String problem) {
        add("第" + row + "行 " + problem);
    }

    void cell(int row, int column, String problem) {
        add("第" + row + "行 第" + Xlsx.columnName(column) + "列 " + problem);
    }

    private void add(String text) {
        count++;
        if (list.size() < MAX_LISTED) {
            list.add(text);
        }
    }

    int count() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    List<String> list() {
        return List.copyOf(list);
    }

    /** Reads a text cell: trimmed, blank → null, "为空" when required, length checked. */
    String text(Xlsx.SheetRow r, int column, String label, boolean required, int maxLength) {
        String v = Problems.clean(r.cell(column));
        if (v == null) {
            if (required) {
                row(r.number(), label + "为空");
            }
            return null;
        }
        if (v.length() > maxLength) {
            cell(r.number(), column, label + "不能超过" + maxLength + "个字");
        } else if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            cell(r.number(), column, label + "含有不可见的控制字符");
        }
        return v;
    }
}
