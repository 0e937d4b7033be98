package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.RefusedException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Staff accounts: roles, unit, jurisdiction scope, the officer an account belongs to; unlock and password reset. */
@Service
class StaffAdmin {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,40}");
    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    record Row(long id, String username, String displayName, Set<Role> roles, long unitId, String unitName,
               long jurisdictionId, String jurisdictionCode, String jurisdictionName, Long officerId,
               String officerBadge, String officerName, String phone, String email, boolean active,
               int failedAttempts, Instant lockedUntil) {
        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }

        public String roleLabels() {
            return roles.stream().map(Role::label).collect(Collectors.joining("、"));
        }

        String summary() {
            return "用户名=" + username + "，姓名=" + displayName + "，角色=" + roleLabels() + "，单位=" + unitName
                    + "，管辖=" + jurisdictionName + (officerBadge == null ? "" : "，关联干警=" + officerBadge)
                    + (active ? "" : "，已停用");
        }
    }

    record Filter(String q, String role, Long unit, String status) {
    }

    record Form(String username, String displayName, List<String> roles, Long unitId, String jurisdictionCode,
                String officerBadge, String phone, String email, String password) {
        static Form of(Row r) {
            return new Form(r.username(), r.displayName(), r.roles().stream().map(Enum::name).toList(), r.unitId(),
                    r.jurisdictionCode(), r.officerBadge(), r.phone(), r.email(), null);
        }

        public boolean hasRole(String role) {
            return roles != null && roles.contains(role);
        }
    }

    private static final String FROM = " " + """
             FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id JOIN unit u ON u.id = s.unit_id
             LEFT JOIN officer o ON o.id = s.officer_id""";
    private static final String SELECT = """
            SELECT s.*, u.name AS unit_name, j.code AS jurisdiction_code, j.name AS jurisdiction_name,
                   o.badge_no AS officer_badge, o.name AS officer_name""" + FROM;
    private static final RowMapper<Row> ROW = (rs, i) -> {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Array array = rs.getArray("roles");
        for (String r : (String[]) array.getArray()) {
            Role.parse(r).ifPresent(roles::add);
        }
        Timestamp locked = rs.getTimestamp("locked_until");
        return new Row(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), roles,
                rs.getLong("unit_id"), rs.getString("unit_name"), rs.getLong("jurisdiction_id"),
                rs.getString("jurisdiction_code"), rs.getString("jurisdiction_name"), (Long) rs.getObject("officer_id"),
                rs.getString("officer_badge"), rs.getString("officer_name"), rs.getString("phone"),
                rs.getString("email"), rs.getBoolean("active"), rs.getInt("failed_attempts"),
                locked == null ? null : locked.toInstant());
    };

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Lookups lookups;
    private final PasswordEncoder passwords;
    private final Clock clock;

    StaffAdmin(JdbcClient jdbc, AuditTrail audit, Lookups lookups, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.lookups = lookups;
        this.passwords = passwords;
        this.clock = clock;
    }

    private static Where where(StaffUser me, Filter f) {
        Role role = Role.parse(f.role()).orElse(null);
        return Where.scopedTo("j.path", me.scopePathPattern())
                .contains(f.q(), "s.username", "s.display_name")
                .andIf(role != null, "? = ANY(s.roles)", role == null ? null : role.name())
                .andIf(f.unit() != null, "s.unit_id = ?", f.unit())
                .status(f.status(), "s.active");
    }

    @Transactional(readOnly = true)
    PageResult<Row> page(StaffUser me, Filter f, PageResult.Request page) {
        return where(me, f).page(jdbc, "SELECT count(*)" + FROM, SELECT, "s.username", ROW, page);
    }

    @Transactional(readOnly = true)
    List<Row> all(StaffUser me, Filter f) {
        return where(me, f).all(jdbc, SELECT, "s.username", ROW);
    }

    @Transactional(readOnly = true)
    Row get(StaffUser me, long id) {
        return jdbc.sql(SELECT + " WHERE s.id = ? AND j.path LIKE ?").params(id, me.scopePathPattern())
                .query(ROW).optional().orElseThrow(() -> new NotFoundException("staff " + id));
    }

    @Transactional
    long create(StaffUser me, Form form) {
        Valid v = validate(me, form, null);
        Problems p = new Problems();
        String username = p.text(form.username(), "用户名", true, 40);
        p.check(username == null || USERNAME.matcher(username).matches(), "用户名只能由3到40位字母、数字、下划线、点或减号组成");
        if (username != null) {
            p.check(jdbc.sql("SELECT count(*) FROM staff_account WHERE lower(username) = lower(?)").param(username)
                    .query(Long.class).single() == 0, "用户名" + username + "已被使用");
        }
        passwordProblem(form.password()).ifPresent(p::add);
        p.throwIfAny();
        long id = jdbc.sql("""
                        INSERT INTO staff_account (username, display_name, password_hash, roles, unit_id,
                                                   jurisdiction_id, officer_id, phone, email)
                        VALUES (?,?,?,?::text[],?,?,?,?,?) RETURNING id""")
                .params(username, v.displayName(), passwords.encode(form.password()), v.rolesArray(), v.unitId(),
                        v.jurisdictionId(), v.officerId(), v.phone(), v.email())
                .query(Long.class).single();
        audit.record(AuditEntry.of("STAFF_CREATED", "staff_account", id).withChange(null, get(me, id).summary()));
        return id;
    }

    @Transactional
    void update(StaffUser me, long id, Form form) {
        Row before = lock(me, id);
        Valid v = validate(me, form, id);
        if (id == me.id() && !v.roles().contains(Role.ADMIN)) {
            throw new RefusedException("不能去掉您自己的系统管理员角色");
        }
        jdbc.sql("""
                        UPDATE staff_account SET display_name = ?, roles = ?::text[], unit_id = ?, jurisdiction_id = ?,
                               officer_id = ?, phone = ?, email = ?, updated_at = now() WHERE id = ?""")
                .params(v.displayName(), v.rolesArray(), v.unitId(), v.jurisdictionId(), v.officerId(), v.phone(),
                        v.email(), id)
                .update();
        audit.record(AuditEntry.of("STAFF_UPDATED", "staff_account", id)
                .withChange(before.summary(), get(me, id).summary()));
    }

    @Transactional
    void setActive(StaffUser me, long id, boolean active) {
        Row before = lock(me, id);
        if (before.active() == active) {
            return;
        }
        if (!active && id == me.id()) {
            throw new RefusedException("不能停用您自己的账号");
        }
        jdbc.sql("UPDATE staff_account SET active = ?, updated_at = now() WHERE id = ?").params(active, id).update();
        audit.record(AuditEntry.of(active ? "STAFF_ACTIVATED" : "STAFF_DEACTIVATED", "staff_account", id)
                .withChange(before.summary(), get(me, id).summary()));
    }

    @Transactional
    void unlock(StaffUser me, long id) {
        Row before = lock(me, id);
        jdbc.sql("UPDATE staff_account SET failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = ?")
                .param(id).update();
        audit.record(AuditEntry.of("STAFF_UNLOCKED", "staff_account", id)
                .withChange("连续错误" + before.failedAttempts() + "次"
                        + (before.lockedUntil() == null ? "" : "，锁定至" + before.lockedUntil()), "已解锁"));
    }

    @Transactional
    void resetPassword(StaffUser me, long id, String password) {
        lock(me, id);
        passwordProblem(password).ifPresent(p -> {
            throw new io.minyi.platform.InvalidInputException(p);
        });
        jdbc.sql("""
                        UPDATE staff_account SET password_hash = ?, failed_attempts = 0, locked_until = NULL,
                               updated_at = now() WHERE id = ?""")
                .params(passwords.encode(password), id).update();
        // the audit trail records that the password changed, never the password
        audit.record(AuditEntry.of("STAFF_PASSWORD_RESET", "staff_account", id).withChange(null, "密码已重置"));
    }

    Instant now() {
        return clock.instant();
    }

    static java.util.Optional<String> passwordProblem(String password) {
        if (password == null || password.isBlank()) {
            return java.util.Optional.of("密码为空");
        }
        if (password.length() < 8 || password.length() > 100) {
            return java.util.Optional.of("密码长度应为8到100位");
        }
        if (!password.chars().anyMatch(Character::isLetter) || !password.chars().anyMatch(Character::isDigit)) {
            return java.util.Optional.of("密码须同时包含字母和数字");
        }
        return java.util.Optional.empty();
    }

    private Row lock(StaffUser me, long id) {
        Row row = get(me, id);
        jdbc.sql("SELECT id FROM staff_account WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
        return row;
    }

    record Valid(String displayName, Set<Role> roles, long unitId, long jurisdictionId, Long officerId, String phone,
                 String email) {
        String rolesArray() {
            return roles.stream().map(Enum::name).collect(Collectors.joining(",", "{", "}"));
        }
    }

    private Valid validate(StaffUser me, Form form, Long selfId) {
        Problems p = new Problems();
        String displayName = p.text(form.displayName(), "姓名", true, 50);
        Set<Role> roles = roles(p, form.roles());
        Lookups.UnitKey unit = null;
        if (form.unitId() == null) {
            p.add("单位为空");
        } else {
            unit = lookups.unit(me, form.unitId()).orElse(null);
            p.check(unit != null, "单位不存在或不在您的管辖范围内");
        }
        Long jurisdictionId = null;
        String jcode = p.text(form.jurisdictionCode(), "管辖区划编码", true, 30);
        if (jcode != null) {
            jurisdictionId = lookups.jurisdiction(me, jcode).map(Lookups.Place::id).orElse(null);
            p.check(jurisdictionId != null, "管辖区划编码" + jcode + "不存在或不在您的管辖范围内");
        }
        Long officerId = null;
        String badge = p.text(form.officerBadge(), "关联干警警号", false, 30);
        if (badge != null && unit != null) {
            // only an officer of the admin's own jurisdiction; another county's answers exactly like a missing one,
            // so the form cannot be used to learn which badge numbers exist elsewhere
            officerId = jdbc.sql("""
                            SELECT o.id FROM officer o JOIN unit u ON u.id = o.unit_id
                            JOIN jurisdiction j ON j.id = u.jurisdiction_id
                            WHERE o.unit_system = ? AND o.badge_no = ? AND j.path LIKE ?""")
                    .params(unit.type().system().name(), badge, me.scopePathPattern()).query(Long.class).optional()
                    .orElse(null);
            p.check(officerId != null, noSuchOfficer(badge, unit.type().system().label()));
        }
        String phone = p.text(form.phone(), "手机", false, 30);
        p.check(phone == null || PHONE.matcher(phone).matches(), "手机号码格式不正确");
        String email = p.text(form.email(), "邮箱", false, 100);
        p.check(email == null || EMAIL.matcher(email).matches(), "邮箱格式不正确");
        p.throwIfAny();
        return new Valid(displayName, roles, unit.id(), jurisdictionId, officerId, phone, email);
    }

    static String noSuchOfficer(String badge, String system) {
        return "关联干警警号" + badge + "在您管辖范围内的" + system + "系统中不存在";
    }

    static Set<Role> roles(Problems p, List<String> texts) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> unknown = new ArrayList<>();
        for (String t : texts == null ? List.<String>of() : texts) {
            if (t == null || t.isBlank()) {
                continue;
            }
            Role.parse(t).ifPresentOrElse(roles::add, () -> unknown.add(t.strip()));
        }
        if (!unknown.isEmpty()) {
            p.add("角色不正确：" + String.join("、", unknown));
        } else if (roles.isEmpty()) {
            p.add("角色为空");
        }
        return roles;
    }
}
