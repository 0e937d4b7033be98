package io.minyi.casework.internal;

import io.minyi.org.Role;
import io.minyi.platform.Decision;

/**
 * Who may touch a case. Every rule answers {@link Decision}; the SQL in {@link Cases} applies the same visibility
 * rules so that a case someone may not see is never even read.
 */
public final class CasePolicy {

    static final String NOT_YOUR_ROLE = "casework.refused.role";
    static final String OUT_OF_SCOPE = "casework.refused.scope";
    static final String CONFLICT = "casework.refused.conflict";
    static final String NOT_YOUR_UNIT = "casework.refused.unit";
    static final String NOT_REVIEWER = "casework.refused.reviewer";
    static final String NOT_YOUR_LEVEL = "casework.refused.level";

    private CasePolicy() {
    }

    /**
     * Whistle-blower rule: a case about an officer is never shown to, nor handled by, that officer's own account.
     * Applied to every type, not only clues, because a dispute naming an officer deserves the same protection.
     */
    public static Decision noConflict(Actor actor, Case c) {
        return actor.officerId() != null && actor.officerId().equals(c.subjectOfficerId())
                ? Decision.refused(CONFLICT) : Decision.allowed();
    }

    /**
     * Screening, triage, dispatch, merge, transfer: a dispatcher whose jurisdiction covers the case and — once the case
     * was escalated or handed down to a level — who works at that level or above it (a level below may still read it).
     */
    public static Decision dispatcher(Actor actor, Case c) {
        if (actor.kind() != Actor.Kind.STAFF || !actor.has(Role.DISPATCHER)) {
            return Decision.refused(NOT_YOUR_ROLE);
        }
        return (actor.covers(c.jurisdictionPath()) ? Decision.allowed() : Decision.refused(OUT_OF_SCOPE))
                .and(() -> c.levelPath() == null || actor.jurisdictionPath() != null
                        && c.levelPath().startsWith(actor.jurisdictionPath())
                        ? Decision.allowed() : Decision.refused(NOT_YOUR_LEVEL))
                .and(() -> noConflict(actor, c));
    }

    /** 协办: the handler or leader of a unit with an open part in the case. */
    public static Decision assistingUnit(Actor actor, Case c) {
        if (actor.kind() != Actor.Kind.STAFF || !actor.hasAny(Role.UNIT_HANDLER, Role.UNIT_LEADER)) {
            return Decision.refused(NOT_YOUR_ROLE);
        }
        return (c.assisting(actor.unitId()) ? Decision.allowed() : Decision.refused(NOT_YOUR_UNIT))
                .and(() -> noConflict(actor, c));
    }

    /** Archiving: a dispatcher in scope, or an administrator in scope. */
    public static Decision archivist(Actor actor, Case c) {
        if (actor.kind() != Actor.Kind.STAFF || !actor.hasAny(Role.DISPATCHER, Role.ADMIN)) {
            return Decision.refused(NOT_YOUR_ROLE);
        }
        return actor.covers(c.jurisdictionPath()) ? Decision.allowed() : Decision.refused(OUT_OF_SCOPE);
    }

    /** Signing, returning, reporting: the responsible unit's handler or leader. */
    public static Decision responsibleUnit(Actor actor, Case c) {
        if (actor.kind() != Actor.Kind.STAFF || !actor.hasAny(Role.UNIT_HANDLER, Role.UNIT_LEADER)) {
            return Decision.refused(NOT_YOUR_ROLE);
        }
        return (c.unitId() != null && c.unitId().equals(actor.unitId()) ? Decision.allowed()
                : Decision.refused(NOT_YOUR_UNIT)).and(() -> noConflict(actor, c));
    }

    /**
     * Reporting and interim reports: the responsible unit, or the unit below it the case was passed down to (下交).
     */
    public static Decision handlingUnit(Actor actor, Case c) {
        if (c.handlingUnitId() != null && c.handlingUnitId().equals(actor.unitId()) && actor.kind() == Actor.Kind.STAFF
                && actor.hasAny(Role.UNIT_HANDLER, Role.UNIT_LEADER)) {
            return noConflict(actor, c);
        }
        return responsibleUnit(actor, c);
    }

    /** The responsible unit's leader approves the handler's report before it goes up. */
    public static Decision unitLeader(Actor actor, Case c) {
        if (actor.kind() != Actor.Kind.STAFF || !actor.has(Role.UNIT_LEADER)) {
            return Decision.refused(NOT_YOUR_ROLE);
        }
        return responsibleUnit(actor, c);
    }

    /**
     * 上级审核: the leader of the unit above the responsible one; when the responsible unit has no parent, the
     * governance centre (dispatcher or supervisor in scope) reviews.
     */
    public static Decision reviewer(Actor actor, Case c) {
        if (actor.kind() != Actor.Kind.STAFF) {
            return Decision.refused(NOT_YOUR_ROLE);
        }
        Decision d;
        if (c.reviewUnitId() != null) {
            d = !actor.has(Role.UNIT_LEADER) ? Decision.refused(NOT_YOUR_ROLE)
                    : c.reviewUnitId().equals(actor.unitId()) ? Decision.allowed() : Decision.refused(NOT_REVIEWER);
        } else {
            d = !actor.hasAny(Role.DISPATCHER, Role.SUPERVISOR) ? Decision.refused(NOT_YOUR_ROLE)
                    : actor.covers(c.jurisdictionPath()) ? Decision.allowed() : Decision.refused(OUT_OF_SCOPE);
        }
        return d.and(() -> noConflict(actor, c));
    }

    /** 回访: a dispatcher or supervisor whose jurisdiction covers the case calls the raiser. */
    public static Decision followUpCaller(Actor actor, Case c) {
        if (actor.kind() != Actor.Kind.STAFF || !actor.hasAny(Role.DISPATCHER, Role.SUPERVISOR)) {
            return Decision.refused(NOT_YOUR_ROLE);
        }
        return (actor.covers(c.jurisdictionPath()) ? Decision.allowed() : Decision.refused(OUT_OF_SCOPE))
                .and(() -> noConflict(actor, c));
    }

    /**
     * 核实: a grid worker whose jurisdiction covers the grid event. That the worker is one of the case's grid is
     * settled by the query that loads the case ({@link Cases#findForGridWorker}).
     */
    public static Decision gridWorker(Actor actor, Case c) {
        if (actor.kind() != Actor.Kind.STAFF || !actor.has(Role.GRID_WORKER)) {
            return Decision.refused(NOT_YOUR_ROLE);
        }
        return actor.covers(c.jurisdictionPath()) ? Decision.allowed() : Decision.refused(OUT_OF_SCOPE);
    }

    public static Decision resident(Actor actor) {
        return actor.kind() == Actor.Kind.RESIDENT ? Decision.allowed() : Decision.refused(NOT_YOUR_ROLE);
    }

    public static Decision system(Actor actor) {
        return actor.kind() == Actor.Kind.SYSTEM ? Decision.allowed() : Decision.refused(NOT_YOUR_ROLE);
    }

    /** May this staff member read the case at all? (Mirrors the WHERE clause of {@link Cases}.) */
    public static boolean canView(Actor actor, Case c) {
        if (actor.kind() != Actor.Kind.STAFF || !noConflict(actor, c).isAllowed()) {
            return false;
        }
        if (actor.hasAny(Role.DISPATCHER, Role.SUPERVISOR, Role.LEADER, Role.ADMIN, Role.DISCIPLINE)
                && actor.covers(c.jurisdictionPath())) {
            return true;
        }
        return actor.hasAny(Role.UNIT_HANDLER, Role.UNIT_LEADER) && actor.unitId() != null
                && (actor.unitId().equals(c.unitId()) || actor.unitId().equals(c.reviewUnitId())
                || actor.unitId().equals(c.handlingUnitId())
                || c.assists().stream().anyMatch(p -> p.unitId() == actor.unitId()));
    }

    /** The raiser's identity is hidden from the unit the case is about. */
    public static boolean mayKnowRaiser(Actor actor, Case c) {
        return actor.unitId() == null || !actor.unitId().equals(c.subjectUnitId());
    }
}
