package io.minyi.org.web;

import io.minyi.org.StaffUser;
import io.minyi.org.UnitType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

@Component
class UnitSheet implements SheetImport {

    private final JdbcTemplate jdbc;

    UnitSheet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.UNITS;
    }

    @Override
    public Batch prepare(StaffUser me, List<Xlsx.SheetRow> rows, RowErrors errors, IntConsumer progress) {
        NewKeys codes = NewKeys.existing(jdbc, "SELECT code FROM unit WHERE code = ANY(?)", rows);
        Map<String, Long> places = SheetLookups.idsByKey(jdbc, me,
                "SELECT id, code FROM jurisdiction WHERE path LIKE ? AND active");
        // parent units: existing ones by id (>0), rows above by -(index + 1)
        Map<String, Long> parents = SheetLookups.idsByKey(jdbc, me, """
                SELECT u.id, u.code FROM unit u JOIN jurisdiction j ON j.id = u.jurisdiction_id
                WHERE j.path LIKE ? AND u.active""");
        List<Object[]> planned = new ArrayList<>();
        for (Xlsx.SheetRow r : rows) {
            String code = errors.text(r, 0, "单位编码", true, 30);
            String name = errors.text(r, 1, "单位名称", true, 100);
            String typeText = errors.text(r, 2, "单位类型", true, 20);
            String placeCode = errors.text(r, 3, "所在区划编码", true, 30);
            String parentCode = errors.text(r, 4, "上级单位编码", false, 30);
            String phone = errors.text(r, 5, "电话", false, 30);
            String address = errors.text(r, 6, "地址", false, 200);
            UnitType type = typeText == null ? null : UnitType.parse(typeText).orElse(null);
            if (typeText != null && type == null) {
                errors.cell(r.number(), 2, "单位类型“" + typeText + "”不正确");
            }
            Long place = placeCode == null ? null : places.get(placeCode);
            if (placeCode != null && place == null) {
                errors.cell(r.number(), 3, "所在区划编码" + placeCode + "不存在或不在您的管辖范围内");
            }
            Long parent = parentCode == null ? null : parents.get(parentCode);
            if (parentCode != null && parent == null) {
                errors.cell(r.number(), 4, "上级单位编码" + parentCode + "不存在或不在您的管辖范围内（本文件中的上级须写在前面的行）");
            }
            if (code != null && codes.check(errors, r.number(), code, "单位编码" + code, "已存在")) {
                parents.putIfAbsent(code, -(long) (planned.size() + 1));
            }
            planned.add(new Object[]{parent, place, type == null ? null : type.name(), code, name, phone, address});
            progress.accept(1);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return SheetImport.batch(planned.size(), written -> {
            List<Long> ids = Batches.reserveIds(jdbc, "unit", planned.size());
            List<Object[]> inserts = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                Object[] p = planned.get(i);
                Long parent = (Long) p[0];
                Long parentId = parent == null ? null : parent > 0 ? parent : ids.get((int) (-parent - 1));
                inserts.add(new Object[]{ids.get(i), parentId, p[1], p[2], p[3], p[4], p[5], p[6]});
                keys.add((String) p[3]);
            }
            Batches.insert(jdbc, """
                    INSERT INTO unit (id, parent_id, jurisdiction_id, type, code, name, phone, address)
                    VALUES (?,?,?,?,?,?,?,?)""", inserts, written);
            return "导入单位" + inserts.size() + "个，编码 " + Batches.firstAndLast(keys);
        });
    }
}
