package io.minyi.supervision.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.notification.Notifications;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.SubjectShield;
import io.minyi.org.UnitKind;
import io.minyi.platform.CityLanguage;
import io.minyi.platform.EnumLabels;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issues letters. Each letter is one transaction: take the next number of the issuing centre's series under a row
 * lock, write the letter and its cases, mark its unit's counters, and put it in the unit's inbox.
 * The trigger key and the (case, kind, deadline) index are unique, so when two nodes race the
 * second one's insert fails, its transaction (with the number it took) rolls back, and nothing is sent twice.
 */
@Component
public class LetterOffice {

    public enum Kind {
        // the kind's word in the letter's number (综治督〔2026〕3号); people read the kind as supervision.kind.*
        REMINDER("提"), SUPERVISION("督"), CIRCULAR("通");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /** A case a letter concerns; {@code triggerKind} is REMINDER/SUPERVISION (unique per deadline) or CIRCULAR/ALERT. */
    public record LetterCase(long caseId, String category, LocalDate deadline) {
    }

    /** An item of the three lists a letter concerns (decision 0022): chased by the same ladder as a case. */
    public record LetterListItem(long itemId, String title, LocalDate deadline) {
    }

    /**
     * {@code about}: officers the letter is about beyond those its cases name (an alert's subject); {@code items}: list
     * items the letter concerns besides (or instead of) cases.
     */
    public record Draft(Kind kind, long addresseeUnitId, List<LetterCase> cases, String caseKind, LocalDate deadline,
                        String reason, String triggerKey, String issuedBy, Set<Long> about, List<LetterListItem> items) {
        public Draft {
            about = about == null ? Set.of() : Set.copyOf(about);
            items = items == null ? List.of() : List.copyOf(items);
        }

        public Draft(Kind kind, long addresseeUnitId, List<LetterCase> cases, String caseKind, LocalDate deadline,
                     String reason, String triggerKey, String issuedBy, Set<Long> about) {
            this(kind, addresseeUnitId, cases, caseKind, deadline, reason, triggerKey, issuedBy, about, List.of());
        }

        public Draft(Kind kind, long addresseeUnitId, List<LetterCase> cases, String caseKind, LocalDate deadline,
                     String reason, String triggerKey, String issuedBy) {
            this(kind, addresseeUnitId, cases, caseKind, deadline, reason, triggerKey, issuedBy, Set.of(), List.of());
        }

        public Draft withItems(List<LetterListItem> listItems) {
            return new Draft(kind, addresseeUnitId, cases, caseKind, deadline, reason, triggerKey, issuedBy, about,
                    listItems);
        }
    }

    private final JdbcClient jdbc;
    private final OrgDirectory org;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final UnitMonths unitMonths;
    private final Clock clock;
    private final TransactionTemplate newTx;
    private final SubjectShield shield;

    private final io.minyi.casework.CaseDigests digests;
    private final MessageSource messages;

    LetterOffice(JdbcClient jdbc, OrgDirectory org, Notifications notifications,
                 AuditTrail audit, UnitMonths unitMonths, Clock clock, PlatformTransactionManager txm,
                 SubjectShield shield, io.minyi.casework.CaseDigests digests, MessageSource messages) {
        this.messages = messages;
        this.digests = digests;
        this.shield = shield;
        this.jdbc = jdbc;
        this.org = org;
        this.notifications = notifications;
        this.audit = audit;
        this.unitMonths = unitMonths;
        this.clock = clock;
        this.newTx = new TransactionTemplate(txm);
        this.newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Issues the letter in its own transaction; empty when another node (or an earlier run) already issued it. */
    public Optional<Long> issue(Draft d) {
        try {
            return Optional.ofNullable(newTx.execute(status -> write(d)));
        } catch (DuplicateKeyException alreadyIssued) {
            return Optional.empty();
        }
    }

    /** Issues inside the caller's transaction (for actions that change other records too). */
    public Optional<Long> issueHere(Draft d) {
        return Optional.ofNullable(write(d, null));
    }

    /** Issues inside the caller's transaction in the name of the given centre (a supervisor's letter by hand). */
    Optional<Long> issueHere(Draft d, Centre centre) {
        return Optional.ofNullable(write(d, centre));
    }

    private Long write(Draft d) {
        return write(d, null);
    }

    private Long write(Draft d, Centre issuer) {
        if (jdbc.sql("SELECT 1 FROM supervision_letter WHERE trigger_key = ?").param(d.triggerKey())
                .query(Integer.class).optional().isPresent()) {
            return null;
        }
        UnitRef unit = org.unit(d.addresseeUnitId())
                .orElseThrow(() -> new IllegalStateException("no unit " + d.addresseeUnitId()));
        Centre centre = issuer != null ? issuer : issuingCentre(unit);
        Instant now = clock.instant();
        int year = LocalDate.now(clock).getYear();
        int seq = jdbc.sql("""
                        INSERT INTO letter_sequence (centre_unit_id, year, kind, last_number) VALUES (?,?,?,1)
                        ON CONFLICT (centre_unit_id, year, kind, city_id)
                        DO UPDATE SET last_number = letter_sequence.last_number + 1 RETURNING last_number""")
                .params(centre.unit().id(), year, d.kind().name()).query(Integer.class).single();
        String number = centre.prefix() + "综治" + d.kind().word + "〔" + year + "〕" + seq + "号";
        long id = jdbc.sql("""
                        INSERT INTO supervision_letter (kind, number, centre_unit_id, centre_name, year, seq,
                               addressee_unit_id, addressee_name, jurisdiction_path, deadline, reason, trigger_key,
                               issued_at, issued_by)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id""")
                .params(d.kind().name(), number, centre.unit().id(), centre.unit().name(), year, seq, unit.id(),
                        unit.name(), unit.jurisdictionPath(), d.deadline() == null ? null : Date.valueOf(d.deadline()),
                        d.reason(), d.triggerKey(), Timestamp.from(now), d.issuedBy())
                .query(Long.class).single();
        for (LetterCase c : d.cases()) {
            jdbc.sql("INSERT INTO supervision_letter_case (letter_id, case_id, kind, deadline, category) VALUES (?,?,?,?,?)")
                    .params(id, c.caseId(), d.caseKind(), c.deadline() == null ? null : Date.valueOf(c.deadline()),
                            c.category())
                    .update();
        }
        for (LetterListItem item : d.items()) {
            jdbc.sql("INSERT INTO supervision_letter_list_item (letter_id, item_id, kind, deadline, title) VALUES (?,?,?,?,?)")
                    .params(id, item.itemId(), d.caseKind(), item.deadline() == null ? null : Date.valueOf(item.deadline()),
                            item.title())
                    .update();
        }
        // a reminder comes before the deadline, to every unit still working on a case: it costs the score nothing,
        // or a unit that reports on the last day would rank below one that was late (decision 0074)
        if (d.kind() != Kind.REMINDER) {
            unitMonths.bump(unit.id(), LocalDate.now(clock), "letters", 1);
        }
        Set<Long> subjects = subjectsOf(d);
        shield.register(SubjectShield.Kind.LETTER, id, subjects);
        deliver(id, number, d, unit, centre, subjects);
        audit.recordAs(d.issuedBy(), "SYSTEM".equals(d.issuedBy()) ? "SYSTEM" : "SUPERVISOR",
                AuditEntry.of("supervision.letter.issue", "supervision_letter", id).withChange(null, number + " → " + unit.name()));
        return id;
    }

    /**
     * Puts the letter in the inboxes of the unit's leadership and handlers, minus the officers it is about (the outbox
     * drops them); to the unit above when it is about the unit's head; to the issuing centre when nobody read it.
     */
    private void deliver(long id, String number, Draft d, UnitRef unit, Centre centre, Set<Long> subjects) {
        // written once for every reader of the unit, so in the city's language (decision 0039)
        String title = CityLanguage.text(messages, "supervision.letter.notice.title",
                CityLanguage.text(messages, EnumLabels.key(d.kind())), number);
        String body = CityLanguage.text(messages, "supervision.letter.notice.body", unit.name(), d.reason());
        String link = "/supervision/letters/" + id;
        Notifications.Message message = new Notifications.Message(title, body, link, "letter:" + id).about(subjects);
        // inbox and text message to the unit's leadership and handlers
        int reached = notifications.alertUnit(unit.id(), message);
        if (subjects.stream().anyMatch(o -> shield.headsUnit(o, unit.id()))) {
            // the head of the unit cannot answer a letter about himself: the unit above gets it and may sign for it
            Optional<UnitRef> above = org.parentUnit(unit.id());
            above.ifPresent(p -> jdbc.sql("UPDATE supervision_letter SET copied_unit_id = ? WHERE id = ?")
                    .params(p.id(), id).update());
            int up = above.map(p -> notifications.toUnit(p.id(), Role.UNIT_LEADER, message)).orElse(0);
            if (up == 0) {
                notifications.toUnit(centre.unit().id(), Role.SUPERVISOR, new Notifications.Message(
                        CityLanguage.text(messages, "supervision.letter.notice.aboutHead", title), body, link,
                        "letter-head:" + id).about(subjects));
            }
        }
        if (reached == 0) {
            // units without console accounts still get the letter on paper; the issuing centre sees it wasn't read
            notifications.toUnit(centre.unit().id(), Role.SUPERVISOR, new Notifications.Message(
                    CityLanguage.text(messages, "supervision.letter.notice.nobodyReads", title),
                    body, link, "letter-nobody:" + id).about(subjects));
        }
    }

    /** The officers a letter is about: the draft's own and every officer its cases name. */
    private Set<Long> subjectsOf(Draft d) {
        Set<Long> subjects = new HashSet<>(d.about());
        for (LetterCase c : d.cases()) {
            subjects.addAll(shield.subjectsOf(SubjectShield.Kind.CASE, c.caseId()));
        }
        return subjects;
    }

    record Centre(UnitRef unit, String prefix) {
    }

    /** The governance centre of the addressee's county (or of the city for city-level units) issues the letter. */
    Centre issuingCentre(UnitRef addressee) {
        List<JurisdictionRef> lineage = org.lineage(addressee.jurisdictionId());
        JurisdictionRef issuer = lineage.size() > 1 && lineage.get(1).level() == JurisdictionLevel.COUNTY
                ? lineage.get(1) : lineage.getFirst();
        Optional<UnitRef> centre = centreOf(issuer);
        if (centre.isEmpty()) {
            issuer = lineage.getFirst();
            centre = centreOf(issuer);
        }
        UnitRef c = centre.orElseThrow(() -> new IllegalStateException("no governance centre to issue letters"));
        return new Centre(c, shortName(issuer.name()));
    }

    /**
     * The centre a supervisor writes for: their own unit when it is a governance centre, else the centre of their
     * jurisdiction; failing both, the centre that would issue the ladder's letter to {@code addressee}.
     */
    Centre centreOf(io.minyi.org.StaffUser me, UnitRef addressee) {
        Optional<UnitRef> own = org.unit(me.unitId()).filter(u -> u.is(UnitKind.GOVERNANCE_CENTRE));
        Optional<JurisdictionRef> where = org.jurisdiction(me.jurisdictionId());
        if (own.isEmpty() && where.isPresent()) {
            own = centreOf(where.get());
        }
        if (own.isPresent()) {
            String place = org.jurisdiction(own.get().jurisdictionId()).map(JurisdictionRef::name)
                    .orElse(where.map(JurisdictionRef::name).orElse(""));
            return new Centre(own.get(), shortName(place));
        }
        return issuingCentre(addressee != null ? addressee
                : org.unitsWithin(org.root().path()).stream().filter(u -> u.is(UnitKind.GOVERNANCE_CENTRE))
                .findFirst().orElseThrow(() -> new IllegalStateException("no governance centre")));
    }

    /** The cases' tracking codes (what people quote), by case id; a case casework does not know keeps its id. */
    public java.util.Map<Long, String> trackingCodes(List<LetterCase> cases) {
        java.util.Map<Long, String> out = new java.util.LinkedHashMap<>();
        for (LetterCase c : cases) {
            out.put(c.caseId(), digests.byId(c.caseId()).map(io.minyi.casework.CaseDigests.CaseDigest::trackingCode)
                    .orElse(String.valueOf(c.caseId())));
        }
        return out;
    }

    private Optional<UnitRef> centreOf(JurisdictionRef j) {
        return org.unitsWithin(j.path()).stream()
                .filter(u -> u.is(UnitKind.GOVERNANCE_CENTRE) && u.jurisdictionId() == j.id())
                .findFirst();
    }

    static String shortName(String jurisdictionName) {
        String n = jurisdictionName;
        if (n.length() > 2 && (n.endsWith("市") || n.endsWith("县") || n.endsWith("区"))) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }
}
