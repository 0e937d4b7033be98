package io.minyi.org.web;

import io.minyi.org.JurisdictionLevel;
import io.minyi.org.StaffUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

@Component
class JurisdictionSheet implements SheetImport {

    private final JdbcTemplate jdbc;

    JurisdictionSheet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.JURISDICTIONS;
    }

    /** A parent as the file sees it: already in the database (id known) or a row above (index into the file). */
    private record Parent(Long id, int fileIndex, JurisdictionLevel level, String path) {
    }

    @Override
    public Batch prepare(StaffUser me, List<Xlsx.SheetRow> rows, RowErrors errors, IntConsumer progress) {
        NewKeys codes = NewKeys.existing(jdbc, "SELECT code FROM jurisdiction WHERE code = ANY(?)", rows);
        List<String> parentCodes = rows.stream().map(r -> r.cell(2).strip()).filter(s -> !s.isEmpty()).toList();
        Map<String, Parent> parents = new HashMap<>();
        jdbc.query("SELECT id, code, level, path FROM jurisdiction WHERE code = ANY(?) AND path LIKE ? AND active",
                rs -> {
                    parents.put(rs.getString("code"), new Parent(rs.getLong("id"), -1,
                            JurisdictionLevel.valueOf(rs.getString("level")), rs.getString("path")));
                }, parentCodes.toArray(String[]::new), me.scopePathPattern());
        List<Object[]> planned = new ArrayList<>(); // parent, code, name, level
        for (Xlsx.SheetRow r : rows) {
            String code = errors.text(r, 0, "区划编码", true, 30);
            String name = errors.text(r, 1, "名称", true, 100);
            String parentCode = errors.text(r, 2, "上级区划编码", true, 30);
            if (code != null) {
                codes.check(errors, r.number(), code, "区划编码" + code, "已存在");
            }
            Parent parent = parentCode == null ? null : parents.get(parentCode);
            JurisdictionLevel level = null;
            if (parentCode != null && parent == null) {
                errors.cell(r.number(), 2, "上级区划编码" + parentCode + "不存在或不在您的管辖范围内（本文件中的上级须写在前面的行）");
            } else if (parent != null) {
                level = parent.level().childLevel();
                if (level == null) {
                    errors.cell(r.number(), 2, "上级" + parentCode + "是村（社区），其下不能再设区划");
                }
            }
            if (code != null && level != null) {
                // later rows may hang under this one
                parents.putIfAbsent(code, new Parent(null, planned.size(), level, null));
            }
            planned.add(new Object[]{parent, code, name, level});
            progress.accept(1);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return SheetImport.batch(planned.size(), written -> {
            List<Long> ids = Batches.reserveIds(jdbc, "jurisdiction", planned.size());
            String[] paths = new String[planned.size()];
            List<Object[]> inserts = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                Object[] p = planned.get(i);
                Parent parent = (Parent) p[0];
                long parentId = parent.id() != null ? parent.id() : ids.get(parent.fileIndex());
                String parentPath = parent.id() != null ? parent.path() : paths[parent.fileIndex()];
                paths[i] = parentPath + ids.get(i) + "/";
                inserts.add(new Object[]{ids.get(i), parentId, ((JurisdictionLevel) p[3]).name(), p[1], p[2], paths[i]});
                keys.add((String) p[1]);
            }
            Batches.insert(jdbc, "INSERT INTO jurisdiction (id, parent_id, level, code, name, path) VALUES (?,?,?,?,?,?)",
                    inserts, written);
            return "导入区划" + inserts.size() + "个，编码 " + Batches.firstAndLast(keys);
        });
    }
}
