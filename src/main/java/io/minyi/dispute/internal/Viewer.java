package io.minyi.dispute.internal;

import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who is looking, as this module's access rule needs it: the jurisdiction scope of dispatchers, supervisors, leaders
 * and admins; the mediator record of a MEDIATOR (only disputes assigned to them); the organisations an account heads
 * (the organisation's disputes); and the unit of a court handler (disputes whose confirmation was applied there).
 */
public record Viewer(long staffId, String username, Set<Role> roles, long unitId, String scopePath, Long mediatorId,
                     List<Long> headedOrgs, SubjectShield.Clause notAboutViewer) {

    public static final Set<Role> WIDE = Set.of(Role.DISPATCHER, Role.SUPERVISOR, Role.LEADER, Role.ADMIN);

    public Viewer {
        roles = Set.copyOf(roles);
        headedOrgs = List.copyOf(headedOrgs);
        notAboutViewer = notAboutViewer == null ? SubjectShield.Clause.TRUE : notAboutViewer;
    }

    /** A viewer linked to no officer (demo data, jobs). */
    public Viewer(long staffId, String username, Set<Role> roles, long unitId, String scopePath, Long mediatorId,
                  List<Long> headedOrgs) {
        this(staffId, username, roles, unitId, scopePath, mediatorId, headedOrgs, SubjectShield.Clause.TRUE);
    }

    /** {@code notAboutViewer}: the whistle-blower clause over {@code d.case_id} (a dispute whose case names the
     * viewer's officer is not the viewer's to see, whatever the role). */
    static Viewer of(StaffUser me, Long mediatorId, List<Long> headedOrgs, SubjectShield.Clause notAboutViewer) {
        return new Viewer(me.id(), me.getUsername(), me.roles(), me.unitId(), me.scopePathPattern(), mediatorId,
                headedOrgs, notAboutViewer);
    }

    public boolean wide() {
        return roles.stream().anyMatch(WIDE::contains);
    }

    public boolean dispatcher() {
        return roles.contains(Role.DISPATCHER);
    }

    public boolean courtHandler() {
        return roles.contains(Role.UNIT_HANDLER) || roles.contains(Role.UNIT_LEADER);
    }

    public boolean covers(String path) {
        return wide() && path != null && path.startsWith(scopePath.substring(0, scopePath.length() - 1));
    }

    /** The SQL condition selecting the disputes (alias {@code d}) this viewer may see, with its parameters. */
    public Condition visibleDisputes() {
        List<String> or = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (wide()) {
            or.add("d.jurisdiction_path LIKE ?");
            args.add(scopePath);
        }
        if (mediatorId != null) {
            or.add("EXISTS (SELECT 1 FROM dispute_assignment a WHERE a.dispute_id = d.id AND a.mediator_id = ? AND a.ended_at IS NULL)");
            args.add(mediatorId);
        }
        if (!headedOrgs.isEmpty()) {
            or.add("d.org_id IN (" + String.join(",", java.util.Collections.nCopies(headedOrgs.size(), "?")) + ")");
            args.addAll(headedOrgs);
        }
        if (courtHandler()) {
            or.add("EXISTS (SELECT 1 FROM judicial_confirmation jc WHERE jc.dispute_id = d.id AND jc.court_unit_id = ?)");
            args.add(unitId);
        }
        if (or.isEmpty()) {
            return new Condition("false", List.of());
        }
        args.addAll(notAboutViewer.args());
        return new Condition("(" + String.join(" OR ", or) + ") AND " + notAboutViewer.sql(), args);
    }

    public record Condition(String sql, List<Object> args) {
    }
}
