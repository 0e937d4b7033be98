package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.platform.SqlFilter;
import io.minyi.platform.fields.Choices;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import io.minyi.platform.fields.Input;
import io.minyi.platform.fields.Problems;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Staff accounts: roles, unit, jurisdiction scope, the officer an account belongs to; unlock and password reset. */
@Component
class Staff extends OrgKind<Staff.Row, Staff.Filter> {

    record Row(long id, String username, String displayName, Set<Role> roles, long unitId, String unitCode,
               String unitName, String jurisdictionCode, String jurisdictionName, String officerBadge, String phone,
               String email, boolean active, int failedAttempts, Instant lockedUntil) implements OrgKind.Record {
        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }

        public String roleLabels() {
            return roles.stream().map(Role::label).collect(Collectors.joining("、"));
        }
    }

    record Filter(String q, String role, Long unit, String status) implements ListFilter {
    }

    static final Field<String> USERNAME = Field.matching("username", "org.staff.username", true, 40,
            Pattern.compile("[A-Za-z0-9_.-]{3,40}"), "org.problem.username").fixed();
    static final Field<String> NAME = Field.text("displayName", "org.personName", true, 50);
    static final Field<Set<Role>> ROLES = Field.choices("roles", "org.staff.role", true,
            Choices.of(Role.class, Role::label));
    static final Field<String> UNIT = Field.text("unitCode", "org.unitCode", true, 30).pickedBy("unitId", "org.unit");
    static final Field<String> PLACE = Field.text("jurisdictionCode", "org.staff.scopeCode", true, 30);
    private static final int PASSWORD_MIN = 8;
    private static final int PASSWORD_MAX = 100;
    /** Required for a new account only; the export leaves it empty and an existing account keeps its password. */
    static final Field<String> PASSWORD = Field.checked("password", "org.staff.initialPassword", Input.Type.PASSWORD,
            PASSWORD_MIN, PASSWORD_MAX, (text, report) -> {
                passwordProblem(text).ifPresent(report::problem);
                return text;
            }).fixed().labelledOnForm("org.staff.password");
    static final Field<String> PHONE = Field.matching("phone", "org.staff.phone", false, 30,
            Pattern.compile("[0-9+\\- ]{5,30}"), "org.problem.phone");
    static final Field<String> EMAIL = Field.matching("email", "org.staff.email", false, 100,
            Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), "org.problem.email").shownAs(Input.Type.EMAIL);
    static final Field<String> OFFICER = Field.text("officerBadge", "org.staff.officerBadge", false, 30);
    private static final FieldSpec SPEC = FieldSpec.of(USERNAME, NAME, ROLES, UNIT, PLACE, PASSWORD, PHONE, EMAIL,
            OFFICER);
    private static final List<Field<?>> COMPARED = List.of(NAME, ROLES, UNIT, PLACE, PHONE, EMAIL, OFFICER);

    private static final String FROM = " " + """
             FROM staff_account s JOIN jurisdiction j ON j.id = s.jurisdiction_id JOIN unit u ON u.id = s.unit_id
             LEFT JOIN officer o ON o.id = s.officer_id""";
    private static final String SELECT = """
            SELECT s.*, u.code AS unit_code, u.name AS unit_name, j.code AS jurisdiction_code,
                   j.name AS jurisdiction_name, o.badge_no AS officer_badge""" + FROM;
    private static final RowMapper<Row> ROW = (rs, i) -> {
        Timestamp locked = rs.getTimestamp("locked_until");
        return new Row(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.parseAll((String[]) rs.getArray("roles").getArray()),
                rs.getLong("unit_id"), rs.getString("unit_code"), rs.getString("unit_name"),
                rs.getString("jurisdiction_code"), rs.getString("jurisdiction_name"), rs.getString("officer_badge"),
                rs.getString("phone"), rs.getString("email"), rs.getBoolean("active"), rs.getInt("failed_attempts"),
                locked == null ? null : locked.toInstant());
    };

    private final PasswordEncoder passwords;
    private final Clock clock;
    private final io.minyi.org.LoginThrottle throttle;
    /** BCrypt is slow on purpose; a file usually gives everyone one initial password, hashed once. */
    private final Map<String, String> hashes = new java.util.concurrent.ConcurrentHashMap<>();

    Staff(Deps deps, PasswordEncoder passwords, Clock clock, io.minyi.org.LoginThrottle throttle) {
        super(new Definition<>("staff", "staff_account", SPEC, USERNAME,
                new Queries<>(SELECT, FROM, "s.username", "s.id", ROW)), deps);
        this.throttle = throttle;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    SqlFilter where(SqlFilter scoped, StaffUser me, Filter f) {
        return scoped.contains(f.q(), "s.username", "s.display_name")
                .andPresent("? = ANY(s.roles)", Role.parse(f.role()).map(Enum::name))
                .andIf(f.unit() != null, "s.unit_id = ?", f.unit())
                .status(f.status(), "s.active");
    }

    @Override
    List<Extra<Row>> extras() {
        return List.of(new Extra<>("org.unit", Row::unitName), new Extra<>("org.staff.scope", Row::jurisdictionName));
    }

    @Override
    FieldValues values(Row r) {
        return new FieldValues().put(USERNAME, r.username()).put(NAME, r.displayName()).put(ROLES, r.roles())
                .put(UNIT, r.unitCode()).put(PLACE, r.jurisdictionCode()).put(PHONE, r.phone())
                .put(EMAIL, r.email()).put(OFFICER, r.officerBadge());
    }

    @Override
    boolean unchanged(FieldValues stored, FieldValues read) {
        return stored.sameAs(read, new FieldSpec(COMPARED));
    }

    @Override
    String keyInFile(FieldValues v, Refs refs) {
        return v.get(USERNAME).toLowerCase(Locale.ROOT);
    }

    @Override
    Optional<Long> holderOfKey(FieldValues v, Refs refs) {
        return jdbc.sql("SELECT id FROM staff_account WHERE lower(username) = lower(?)").param(v.get(USERNAME))
                .query(Long.class).optional();
    }

    @Override
    Checked check(StaffUser me, FieldValues v, Row existing, Refs refs, Problems p) {
        Set<Role> roles = v.get(ROLES);
        if (existing != null && existing.id() == me.id() && roles != null && !roles.contains(Role.ADMIN)) {
            p.about(ROLES).problem("org.problem.ownAdmin");
        }
        Refs.UnitKey unit = refs.named(v, UNIT, c -> refs.unit(c).filter(Refs.UnitKey::active),
                "org.problem.notFoundActive", p);
        Refs.Place place = refs.named(v, PLACE, c -> refs.place(c).filter(Refs.Place::active),
                "org.problem.notFound", p);
        String badge = v.get(OFFICER);
        Long officer = badge == null || unit == null ? null : refs.officerInScope(unit.system(), badge).orElse(null);
        if (badge != null && unit != null && officer == null) {
            p.about(OFFICER).problem("org.problem.noOfficerInSystem", badge, unit.system().label());
        }
        Checked c = new Checked().set("display_name", v.get(NAME))
                .set("roles::text[]", roles == null ? "{}" : roles.stream().map(Enum::name)
                        .collect(Collectors.joining(",", "{", "}")))
                .set("unit_id", unit == null ? null : unit.id()).set("jurisdiction_id", place == null ? null : place.id())
                .set("officer_id", officer).set("phone", v.get(PHONE)).set("email", v.get(EMAIL));
        if (existing == null) {
            String password = v.get(PASSWORD);
            c.set("username", v.get(USERNAME)).set("password_hash", password == null ? null
                    : hashes.computeIfAbsent(password, passwords::encode));
        }
        return c;
    }

    @Override
    Optional<String> refuseDeactivation(StaffUser me, long id) {
        return id == me.id() ? Optional.of("org.refused.ownAccount") : Optional.empty();
    }

    @Transactional
    void unlock(StaffUser me, long id) {
        Row before = lock(me, id);
        jdbc.sql("UPDATE staff_account SET failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = ?")
                .param(id).update();
        throttle.clear(before.username());
        audit.record(AuditEntry.of(auditAction("unlock"), "staff_account", id)
                .withChange("failed_attempts=" + before.failedAttempts()
                        + (before.lockedUntil() == null ? "" : ", locked_until=" + before.lockedUntil()), "unlocked"));
    }

    @Transactional
    void resetPassword(StaffUser me, long id, String password) {
        lock(me, id);
        Problems p = Problems.ofForm(messages);
        passwordProblem(password).ifPresent(p::add);
        p.throwIfAny();
        jdbc.sql("""
                        UPDATE staff_account SET password_hash = ?, failed_attempts = 0, locked_until = NULL,
                               updated_at = now() WHERE id = ?""")
                .params(passwords.encode(password), id).update();
        // the audit trail records that the password changed, never the password
        audit.record(AuditEntry.of(auditAction("reset_password"), "staff_account", id).withChange(null, "password reset"));
    }

    Instant now() {
        return clock.instant();
    }

    /** The message key of what is wrong with a password, if anything. */
    static Optional<String> passwordProblem(String password) {
        if (password == null || password.isBlank()) {
            return Optional.of("org.problem.passwordMissing");
        }
        if (password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
            return Optional.of("org.problem.passwordLength");
        }
        if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("org.problem.passwordMix");
        }
        return Optional.empty();
    }
}
