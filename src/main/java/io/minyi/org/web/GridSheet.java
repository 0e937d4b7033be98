package io.minyi.org.web;

import io.minyi.org.GridType;
import io.minyi.org.StaffUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

@Component
class GridSheet implements SheetImport {

    private final JdbcTemplate jdbc;

    GridSheet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.GRIDS;
    }

    @Override
    public Batch prepare(StaffUser me, List<Xlsx.SheetRow> rows, RowErrors errors, IntConsumer progress) {
        NewKeys codes = NewKeys.existing(jdbc, "SELECT code FROM grid WHERE code = ANY(?)", rows);
        Map<String, Long> villages = SheetLookups.idsByKey(jdbc, me,
                "SELECT id, code FROM jurisdiction WHERE path LIKE ? AND level = 'VILLAGE' AND active");
        Map<String, Long> workers = SheetLookups.idsByKey(jdbc, me, """
                SELECT s.id, s.username FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id
                WHERE j.path LIKE ? AND 'GRID_WORKER' = ANY(s.roles) AND s.active""");
        List<Object[]> planned = new ArrayList<>();
        List<List<Long>> plannedWorkers = new ArrayList<>();
        for (Xlsx.SheetRow r : rows) {
            String code = errors.text(r, 0, "网格编码", true, 30);
            String name = errors.text(r, 1, "网格名称", true, 100);
            String typeText = errors.text(r, 2, "网格类型", true, 20);
            String villageCode = errors.text(r, 3, "所在村（社区）编码", true, 30);
            String householdsText = errors.text(r, 4, "户数", false, 10);
            String workerText = errors.text(r, 5, "网格员用户名", false, 400);
            GridType type = GridAdmin.parseType(typeText);
            if (typeText != null && type == null) {
                errors.cell(r.number(), 2, "网格类型“" + typeText + "”不正确");
            }
            Long village = villageCode == null ? null : villages.get(villageCode);
            if (villageCode != null && village == null) {
                errors.cell(r.number(), 3, "所在村（社区）编码" + villageCode + "不存在、不是村（社区）或不在您的管辖范围内");
            }
            Problems p = new Problems();
            Integer households = GridAdmin.households(p, householdsText);
            p.list().forEach(problem -> errors.cell(r.number(), 4, problem));
            List<Long> ids = new ArrayList<>();
            if (workerText != null) {
                for (String username : workerText.split("[、,，;；\\s]+")) {
                    if (username.isBlank()) {
                        continue;
                    }
                    Long id = workers.get(username);
                    if (id == null) {
                        errors.cell(r.number(), 5, "网格员用户名" + username + "不存在、不是网格员或不在您的管辖范围内");
                    } else if (!ids.contains(id)) {
                        ids.add(id);
                    }
                }
            }
            if (code != null) {
                codes.check(errors, r.number(), code, "网格编码" + code, "已存在");
            }
            planned.add(new Object[]{village, type == null ? null : type.name(), code, name, households});
            plannedWorkers.add(ids);
            progress.accept(1);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return SheetImport.batch(planned.size(), written -> {
            List<Long> ids = Batches.reserveIds(jdbc, "grid", planned.size());
            List<Object[]> inserts = new ArrayList<>();
            List<Object[]> links = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                Object[] p = planned.get(i);
                inserts.add(new Object[]{ids.get(i), p[0], p[1], p[2], p[3], p[4]});
                keys.add((String) p[2]);
                for (Long worker : plannedWorkers.get(i)) {
                    links.add(new Object[]{ids.get(i), worker});
                }
            }
            Batches.insert(jdbc, "INSERT INTO grid (id, village_id, type, code, name, households) VALUES (?,?,?,?,?,?)",
                    inserts, written);
            Batches.insert(jdbc, "INSERT INTO grid_worker (grid_id, staff_id) VALUES (?, ?)", links, n -> {
            });
            return "导入网格" + inserts.size() + "个（网格员关联" + links.size() + "条），编码 " + Batches.firstAndLast(keys);
        });
    }
}
