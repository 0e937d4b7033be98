package io.minyi.dispute.internal;

import io.minyi.casework.RiskLevel;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.notification.Notifications;
import io.minyi.platform.Decision;
import io.minyi.platform.CityTexts;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.minyi.dispute.internal.DisputeIntake.CHINA;
import static io.minyi.dispute.internal.DisputeIntake.blankToNull;
import static io.minyi.dispute.internal.Refusals.require;

/**
 * The mediation's moves up to its outcome: assign and reassign, conflicts of interest, risk, sessions, the outcome
 * (an agreement drawn up, not reached, withdrawn) and the extension of its time; what follows an agreement is the
 * {@link AgreementDesk}'s and the {@link CourtConfirmations}'. Each move loads the dispute the viewer may see (else
 * 404), checks the rules, writes, and leaves an audit event — all in one transaction. The case's own loop is untouched.
 */
@Service
@RequiredArgsConstructor
public class MediationDesk {

    private final DisputeAccess access;
    private final Disputes disputes;
    private final MediatorPool pool;
    private final MediationRecords records;
    private final DisputeIntake intake;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final Clock clock;
    private final CityTexts cityTexts;

    /** A notice stored once for its readers: in the city's language (CityLanguage). */
    private String notice(String key, Object... args) {
        return words("dispute.notice." + key, args);
    }

    /** A text stored with the dispute (its outcome, its agreement's number): in the city's language. */
    private String words(String key, Object... args) {
        return cityTexts.of(key.startsWith("dispute.") ? key : "dispute.notice." + key,
                args);
    }

    // ---- risk ---------------------------------------------------------------------------------------------------

    @Transactional
    public RiskLevel reassess(long id, Viewer v, Set<RiskFactor> factors, String note) {
        Disputes.Row d = access.load(id, v);
        require(v.covers(d.jurisdictionPath()) ? Decision.allowed()
                : MediationRules.assignedMediator(v, pool.activeMediators(id)));
        return intake.assess(id, factors, note, v.username());
    }

    // ---- who mediates -------------------------------------------------------------------------------------------

    @Transactional
    public void assign(long id, Viewer v, long mediatorId, Long replacing, String note) {
        Disputes.Row d = access.load(id, v);
        require(MediationRules.mayAssign(v, d).and(() -> MediationRules.open(d)));
        if (note != null && note.length() > 500) {
            throw new InvalidInputException("dispute.invalid.note");
        }
        MediatorPool.Mediator m = pool.mediator(mediatorId)
                .orElseThrow(() -> new InvalidInputException("dispute.invalid.mediator"));
        boolean byHead = !(v.dispatcher() && v.covers(d.jurisdictionPath()));
        if (byHead && !v.headedOrgs().contains(m.orgId())) {
            throw new InvalidInputException("dispute.invalid.mediatorOutsideOrg");
        }
        if (!byHead && !(v.covers(m.orgPath()) || m.servedPaths().stream().anyMatch(d.jurisdictionPath()::startsWith))) {
            throw new InvalidInputException("dispute.invalid.mediatorOutOfReach");
        }
        List<Long> active = pool.activeMediators(id);
        require(MediationRules.assignable(m, pool.conflicted(id, m.id()), active));
        Instant at = clock.instant();
        if (replacing != null) {
            if (!pool.endAssignment(id, replacing, at, "REASSIGNED", blankToNull(note))) {
                throw new InvalidInputException("dispute.invalid.replacing");
            }
            pool.changeLoad(List.of(replacing), -1);
            audit.record(AuditEntry.of("dispute.dispute.unassign", "dispute", id).withChange("mediator " + replacing, null));
        }
        pool.assign(id, m.id(), v.username(), at, blankToNull(note));
        pool.changeLoad(List.of(m.id()), 1);
        if (d.orgId() == null) {
            disputes.setOrg(id, m.orgId());
        }
        if (d.status() == DisputeStatus.REGISTERED) {
            disputes.setStatus(id, DisputeStatus.MEDIATING, null, null, null);
        }
        audit.record(AuditEntry.of(replacing == null ? "dispute.dispute.assign" : "dispute.dispute.reassign", "dispute", id)
                .withChange(replacing == null ? null : "mediator " + replacing, "mediator " + m.id() + " " + m.name()));
        if (m.staffId() != null) {
            notifications.toStaff(m.staffId(), new Notifications.Message(notice("assigned"),
                    notice("placeAndSummary", d.jurisdictionName(), DisputeIntake.abbreviate(d.summary(), 60)), "/disputes/" + id,
                    "dispute-assign-" + id + "-" + m.id() + "-" + at.toEpochMilli()));
        }
    }

    /** The mediator is related to a party: they step down and can no longer be assigned to this dispute. */
    @Transactional
    public void declareConflict(long id, Viewer v, String reason) {
        Disputes.Row d = access.load(id, v);
        List<Long> active = pool.activeMediators(id);
        require(MediationRules.assignedMediator(v, active));
        String why = blankToNull(reason);
        if (why == null || why.length() > 500) {
            throw new InvalidInputException("dispute.invalid.conflictReason");
        }
        Instant at = clock.instant();
        pool.declareConflict(id, v.mediatorId(), why, at);
        pool.endAssignment(id, v.mediatorId(), at, "CONFLICT", why);
        if (d.status() == DisputeStatus.MEDIATING) {
            pool.changeLoad(List.of(v.mediatorId()), -1);
            if (active.size() == 1) {
                disputes.setStatus(id, DisputeStatus.REGISTERED, null, null, null);
            }
        }
        audit.record(AuditEntry.of("dispute.dispute.refuse_conflict", "dispute", id).withChange("mediator " + v.mediatorId(), why));
    }

    // ---- sessions -----------------------------------------------------------------------------------------------

    /** A session (调解记录); answers how many of the mediator's other sessions overlap it, for a warning. */
    @Transactional
    public long addSession(long id, Viewer v, LocalDateTime start, LocalDateTime end, String place, boolean online,
                           String attendees, String record, List<Upload> files) {
        Disputes.Row d = access.load(id, v);
        require(MediationRules.assignedMediator(v, pool.activeMediators(id)).and(() -> MediationRules.mediating(d)));
        List<String> problems = new ArrayList<>();
        if (start == null || end == null || !end.isAfter(start)) {
            problems.add("dispute.invalid.sessionTime");
        }
        if (blankToNull(place) == null || place.length() > 200) {
            problems.add("dispute.invalid.place");
        }
        if (blankToNull(attendees) == null || attendees.length() > 1000) {
            problems.add("dispute.invalid.attendees");
        }
        if (blankToNull(record) == null || record.length() > 20000) {
            problems.add("dispute.invalid.record");
        }
        List<Upload> uploads = files == null ? List.of()
                : files.stream().filter(f -> f.content() != null && f.content().length > 0).toList();
        if (uploads.size() > 10 || uploads.stream().anyMatch(f -> f.content().length > 10 * 1024 * 1024)) {
            problems.add("dispute.invalid.attachments");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Instant s = start.atZone(CHINA).toInstant();
        Instant e = end.atZone(CHINA).toInstant();
        long overlaps = records.overlapping(v.mediatorId(), s, e);
        long sid = records.insertSession(id, v.mediatorId(), s, e, place.strip(), online, attendees.strip(),
                record.strip(), v.username(), clock.instant());
        for (Upload u : uploads) {
            records.insertAttachment(sid, id, DisputeIntake.abbreviate(u.fileName() == null ? notice("attachment") : u.fileName(), 100),
                    u.contentType() == null ? "application/octet-stream" : u.contentType(), u.content(), v.username(),
                    clock.instant());
        }
        audit.record(AuditEntry.of("dispute.dispute.record_session", "dispute", id)
                .withChange(null, "session " + sid + (uploads.isEmpty() ? "" : " +" + uploads.size() + " files")));
        return overlaps;
    }

    /** A file as uploaded with a session. */
    public record Upload(String fileName, String contentType, byte[] content) {
    }

    // ---- outcome ------------------------------------------------------------------------------------------------

    public record AgreementInput(String facts, String terms, String performanceManner, LocalDate performanceDeadline,
                                 boolean withoutViolence) {
    }

    /** 调解成功: the agreement is drawn up (Art 29 contents); it takes effect when signed. */
    @Transactional
    public void agree(long id, Viewer v, AgreementInput in) {
        Disputes.Row d = access.load(id, v);
        List<Long> active = pool.activeMediators(id);
        require(MediationRules.assignedMediator(v, active).and(() -> MediationRules.mediating(d))
                .and(() -> MediationRules.agreementHasParties(disputes.parties(id)))
                .and(() -> records.agreement(id).isEmpty() ? Decision.allowed()
                        : Decision.refused("dispute.refused.agreementExists")));
        List<String> problems = new ArrayList<>();
        if (blankToNull(in.facts()) == null || in.facts().length() > 10000) {
            problems.add("dispute.invalid.facts");
        }
        if (blankToNull(in.terms()) == null || in.terms().length() > 10000) {
            problems.add("dispute.invalid.terms");
        }
        if (blankToNull(in.performanceManner()) == null || in.performanceManner().length() > 1000) {
            problems.add("dispute.invalid.manner");
        }
        if (in.performanceDeadline() == null || in.performanceDeadline().isBefore(access.today())) {
            problems.add("dispute.invalid.performanceDeadline");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String mediators = active.stream().map(pool::mediator).flatMap(java.util.Optional::stream)
                .map(MediatorPool.Mediator::name).collect(Collectors.joining("、"));
        // the agreement is an official paper: its committee's name and its number in the city's language
        String orgName = d.orgName() == null ? words("committee", d.jurisdictionName()) : d.orgName();
        String number = words("agreementNumber", access.today().getYear(), records.nextAgreementNumber());
        Instant at = clock.instant();
        records.insertAgreement(id, number, in.facts().strip(), in.terms().strip(), in.performanceManner().strip(),
                in.performanceDeadline(), mediators, orgName, v.username(), at);
        conclude(d, DisputeStatus.AGREED, null, in.withoutViolence(), active, at);
    }

    /** 调解不成: the guidance given to the parties is recorded. */
    @Transactional
    public void notReached(long id, Viewer v, Guidance guidance, String note, boolean withoutViolence) {
        Disputes.Row d = access.load(id, v);
        List<Long> active = pool.activeMediators(id);
        require(MediationRules.assignedMediator(v, active).and(() -> MediationRules.mediating(d)));
        if (guidance == null) {
            throw new InvalidInputException("dispute.invalid.guidance");
        }
        String text = words(io.minyi.platform.EnumLabels.key(guidance))
                + (blankToNull(note) == null ? "" : notice("remark", note.strip()));
        if (text.length() > 1000) {
            throw new InvalidInputException("dispute.invalid.note");
        }
        conclude(d, DisputeStatus.NOT_REACHED, text, withoutViolence, active, clock.instant());
    }

    @Transactional
    public void withdraw(long id, Viewer v, String note, boolean withoutViolence) {
        Disputes.Row d = access.load(id, v);
        List<Long> active = pool.activeMediators(id);
        require(MediationRules.assignedMediator(v, active).and(() -> MediationRules.open(d)));
        String text = blankToNull(note);
        if (text != null && text.length() > 1000) {
            throw new InvalidInputException("dispute.invalid.note");
        }
        conclude(d, DisputeStatus.WITHDRAWN, text == null ? notice("withdrawn") : notice("withdrawnBecause", text),
                withoutViolence, active,
                clock.instant());
    }

    private void conclude(Disputes.Row d, DisputeStatus status, String guidance, boolean withoutViolence,
                          List<Long> active, Instant at) {
        boolean prevented = MediationRules.prevented(d, d.risk(), withoutViolence);
        disputes.setStatus(d.id(), status, at, guidance, prevented ? Boolean.TRUE : null);
        if (d.status() == DisputeStatus.MEDIATING) {
            pool.changeLoad(active, -1);
        }
        disputes.closeTasks(d.id(), at, words(io.minyi.platform.EnumLabels.key(status)));
        audit.record(AuditEntry.of("dispute.dispute.record_outcome", "dispute", d.id())
                .withChange(d.status().name(), status.name() + (prevented ? " prevented" : "")));
    }

    @Transactional
    public void extend(long id, Viewer v, LocalDate newDue, String partiesAgreement) {
        Disputes.Row d = access.load(id, v);
        require(MediationRules.assignedMediator(v, pool.activeMediators(id)).and(() -> MediationRules.mediating(d)));
        if (newDue == null || !newDue.isAfter(d.mediationDue())) {
            throw new InvalidInputException("dispute.invalid.extension");
        }
        String why = blankToNull(partiesAgreement);
        if (why == null || why.length() > 500) {
            throw new InvalidInputException("dispute.invalid.extensionReason");
        }
        disputes.setMediationDue(id, newDue);
        audit.record(AuditEntry.of("dispute.dispute.extend", "dispute", id)
                .withChange(d.mediationDue().toString(), newDue + " " + why));
    }
}
