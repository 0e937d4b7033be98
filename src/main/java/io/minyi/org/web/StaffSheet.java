package io.minyi.org.web;

import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

@Component
class StaffSheet implements SheetImport {

    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;

    StaffSheet(JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.STAFF;
    }

    @Override
    public Batch prepare(StaffUser me, List<Xlsx.SheetRow> rows, RowErrors errors, IntConsumer progress) {
        NewKeys names = NewKeys.existing(jdbc,
                "SELECT lower(username) FROM staff_account WHERE lower(username) = ANY(?)", rows,
                s -> s.toLowerCase(Locale.ROOT));
        Map<String, SheetLookups.ActiveUnit> units = SheetLookups.activeUnitsByCode(jdbc, me);
        Map<String, Long> places = SheetLookups.idsByKey(jdbc, me,
                "SELECT id, code FROM jurisdiction WHERE path LIKE ? AND active");
        List<Object[]> planned = new ArrayList<>();
        for (Xlsx.SheetRow r : rows) {
            String username = errors.text(r, 0, "用户名", true, 40);
            String displayName = errors.text(r, 1, "姓名", true, 50);
            String roleText = errors.text(r, 2, "角色", true, 200);
            String unitCode = errors.text(r, 3, "单位编码", true, 30);
            String placeCode = errors.text(r, 4, "管辖区划编码", true, 30);
            String password = Problems.clean(r.cell(5));
            String phone = errors.text(r, 6, "手机", false, 30);
            String email = errors.text(r, 7, "邮箱", false, 100);
            String badge = errors.text(r, 8, "关联干警警号", false, 30);
            if (username != null) {
                if (!StaffAdmin.USERNAME.matcher(username).matches()) {
                    errors.cell(r.number(), 0, "用户名只能由3到40位字母、数字、下划线、点或减号组成");
                } else if (names.isTaken(username.toLowerCase(Locale.ROOT))) {
                    errors.cell(r.number(), 0, "用户名" + username + "已被使用");
                }
                names.checkRepeat(errors, r.number(), username.toLowerCase(Locale.ROOT), "用户名" + username);
            }
            Set<Role> roles = Set.of();
            if (roleText != null) {
                Problems p = new Problems();
                roles = StaffAdmin.roles(p, Arrays.asList(roleText.split("[、,，;；\\s]+")));
                p.list().forEach(problem -> errors.cell(r.number(), 2, problem));
            }
            SheetLookups.ActiveUnit unit = unitCode == null ? null : units.get(unitCode);
            if (unitCode != null && unit == null) {
                errors.cell(r.number(), 3, "单位编码" + unitCode + "不存在、已停用或不在您的管辖范围内");
            }
            Long place = placeCode == null ? null : places.get(placeCode);
            if (placeCode != null && place == null) {
                errors.cell(r.number(), 4, "管辖区划编码" + placeCode + "不存在或不在您的管辖范围内");
            }
            if (password == null) {
                errors.row(r.number(), "初始密码为空");
            } else {
                StaffAdmin.passwordProblem(password).ifPresent(problem -> errors.cell(r.number(), 5, problem));
            }
            if (phone != null && !PHONE.matcher(phone).matches()) {
                errors.cell(r.number(), 6, "手机号码格式不正确");
            }
            if (email != null && !EMAIL.matcher(email).matches()) {
                errors.cell(r.number(), 7, "邮箱格式不正确");
            }
            Long officer = null;
            if (badge != null && unit != null) {
                io.minyi.org.UnitSystem system = unit.system();
                // only an officer of the importer's jurisdiction; another county's answers like a missing one
                officer = jdbc.queryForList("""
                                SELECT o.id FROM officer o JOIN unit u ON u.id = o.unit_id
                                JOIN jurisdiction j ON j.id = u.jurisdiction_id
                                WHERE o.unit_system = ? AND o.badge_no = ? AND j.path LIKE ?""", Long.class,
                        system.name(), badge, me.scopePathPattern()).stream().findFirst().orElse(null);
                if (officer == null) {
                    errors.cell(r.number(), 8, StaffAdmin.noSuchOfficer(badge, system.label()));
                }
            }
            String roleArray = roles.stream().map(Enum::name).collect(Collectors.joining(",", "{", "}"));
            planned.add(new Object[]{username, displayName, password, roleArray, unit == null ? null : unit.id(), place,
                    officer, phone, email});
            progress.accept(1);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return SheetImport.batch(planned.size(), written -> {
            // BCrypt is slow on purpose; files usually share one initial password, so hash each distinct one once
            Map<String, String> hashes = new ConcurrentHashMap<>();
            planned.stream().map(p -> (String) p[2]).distinct().parallel()
                    .forEach(pw -> hashes.put(pw, passwords.encode(pw)));
            List<Object[]> inserts = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (Object[] p : planned) {
                inserts.add(new Object[]{p[0], p[1], hashes.get((String) p[2]), p[3], p[4], p[5], p[6], p[7], p[8]});
                keys.add((String) p[0]);
            }
            Batches.insert(jdbc, """
                    INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id,
                                               jurisdiction_id, officer_id, phone, email)
                    VALUES (?,?,?,?::text[],?,?,?,?,?)""", inserts, written);
            return "导入账号" + inserts.size() + "个，用户名 " + Batches.firstAndLast(keys);
        });
    }
}
