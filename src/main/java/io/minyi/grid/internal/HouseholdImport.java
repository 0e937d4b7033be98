package io.minyi.grid.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Households from Excel (.xlsx, Apache POI): one row per household under a header row. Every row is checked first;
 * a sheet with any bad row stores nothing and lists every problem by row number, so nothing is half-imported.
 */
@Service
@RequiredArgsConstructor
public class HouseholdImport {

    /** The columns, in order, as the template's header names them; the import reads by position. */
    public static final List<String> COLUMNS = List.of("网格编号", "楼栋/场所", "地址", "户主姓名", "身份证号",
            "联系电话", "人数", "类别");
    /** The care kinds as the sheet writes them: Chinese words matched as data (import synonyms). */
    static final Map<String, String> CARE = Map.of("普通户", "ORDINARY", "困难家庭", "HARDSHIP", "流动人员", "MIGRANT",
            "空巢老人", "EMPTY_NEST", "社区矫正对象", "CORRECTION");
    static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");
    static final int MAX_ROWS = 20_000;

    private final Households households;
    private final AuditTrail audit;
    private final MessageSource messages;

    /** A problem in the reader's language, with the row it is about. */
    private String problem(String key, Object... args) {
        return messages.getMessage("grid.householdImport." + key, args, LocaleContextHolder.getLocale());
    }

    public record Result(int added, int updated) {
    }

    @Transactional
    public Result importSheet(byte[] xlsx, Map<String, GridRef> grids) {
        List<String> problems = new ArrayList<>();
        List<Households.NewHousehold> rows = read(xlsx, grids, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.size() > 50 ? problems.subList(0, 50) : problems);
        }
        int added = 0;
        for (Households.NewHousehold h : rows) {
            if (households.upsert(h)) {
                added++;
            }
        }
        audit.record(AuditEntry.of("grid.household.import", "grid_household", "sheet")
                .withChange(null, rows.size() + " rows"));
        return new Result(added, rows.size() - added);
    }

    /** Every row of the first sheet; a bad row adds its problems (by row number) instead of a household. */
    private List<Households.NewHousehold> read(byte[] xlsx, Map<String, GridRef> grids, List<String> problems) {
        List<Households.NewHousehold> rows = new ArrayList<>();
        DataFormatter fmt = new DataFormatter();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            if (sheet.getLastRowNum() > MAX_ROWS) {
                throw new InvalidInputException("grid.invalid.sheet");
            }
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || text(fmt, row, 2) == null && text(fmt, row, 0) == null) {
                    continue;
                }
                List<String> bad = new ArrayList<>();
                Households.NewHousehold h = household(fmt, row, grids, bad);
                if (bad.isEmpty()) {
                    rows.add(h);
                } else {
                    problems.add(problem("row", String.valueOf(r + 1), String.join(problem("separator"), bad)));
                }
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidInputException("grid.invalid.sheet");
        }
        return rows;
    }

    /** One row as a household, or null with its problems added to {@code bad}. */
    private Households.NewHousehold household(DataFormatter fmt, Row row, Map<String, GridRef> grids,
                                                     List<String> bad) {
        String code = text(fmt, row, 0);
        GridRef grid = code == null ? null : grids.get(code);
        String address = text(fmt, row, 2);
        String head = text(fmt, row, 3);
        String id = text(fmt, row, 4);
        String members = text(fmt, row, 6);
        String care = text(fmt, row, 7);
        if (grid == null) {
            bad.add(problem("grid"));
        }
        if (address == null || address.length() > 200) {
            bad.add(problem("address"));
        }
        if (head == null || head.length() > 50) {
            bad.add(problem("head"));
        }
        if (id != null && !ID_NUMBER.matcher(id).matches()) {
            bad.add(problem("idNumber"));
        }
        Integer count = null;
        if (members != null) {
            try {
                count = Integer.parseInt(members);
                if (count < 0 || count > 99) {
                    bad.add(problem("membersRange"));
                }
            } catch (NumberFormatException e) {
                bad.add(problem("membersNumber"));
            }
        }
        String careKind = care == null ? "ORDINARY" : CARE.get(care);
        if (careKind == null) {
            bad.add(problem("care", String.join("/", CARE.keySet())));
        }
        return !bad.isEmpty() ? null : new Households.NewHousehold(grid.id(), grid.villagePath(), text(fmt, row, 1),
                address, head, id, text(fmt, row, 5), count, careKind, null, null);
    }

    private static String text(DataFormatter fmt, Row row, int col) {
        Cell c = row.getCell(col);
        String s = c == null ? "" : fmt.formatCellValue(c).strip();
        return s.isEmpty() ? null : s;
    }
}
