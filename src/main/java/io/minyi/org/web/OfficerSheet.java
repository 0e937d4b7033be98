package io.minyi.org.web;

import io.minyi.org.StaffUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

@Component
class OfficerSheet implements SheetImport {

    private final JdbcTemplate jdbc;

    OfficerSheet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.OFFICERS;
    }

    @Override
    public Batch prepare(StaffUser me, List<Xlsx.SheetRow> rows, RowErrors errors, IntConsumer progress) {
        Map<String, SheetLookups.ActiveUnit> units = SheetLookups.activeUnitsByCode(jdbc, me);
        NewKeys badges = NewKeys.existing(jdbc,
                "SELECT unit_system || ':' || badge_no FROM officer WHERE badge_no = ANY(?)", rows);
        List<Object[]> inserts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Xlsx.SheetRow r : rows) {
            String badge = errors.text(r, 0, "警号", true, 30);
            String name = errors.text(r, 1, "姓名", true, 50);
            String unitCode = errors.text(r, 2, "单位编码", true, 30);
            String position = errors.text(r, 3, "职务", false, 50);
            SheetLookups.ActiveUnit unit = unitCode == null ? null : units.get(unitCode);
            if (unitCode != null && unit == null) {
                errors.cell(r.number(), 2, "单位编码" + unitCode + "不存在、已停用或不在您的管辖范围内");
            }
            if (badge != null && unit != null) {
                badges.check(errors, r.number(), unit.system().name() + ":" + badge, "警号" + badge, "已被使用");
            }
            inserts.add(new Object[]{unit == null ? null : unit.id(), unit == null ? null : unit.system().name(), badge,
                    name, position});
            keys.add(badge);
            progress.accept(1);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return SheetImport.batch(inserts.size(), written -> {
            Batches.insert(jdbc, "INSERT INTO officer (unit_id, unit_system, badge_no, name, position) VALUES (?,?,?,?,?)",
                    inserts, written);
            return "导入干警" + inserts.size() + "名，警号 " + Batches.firstAndLast(keys);
        });
    }
}
