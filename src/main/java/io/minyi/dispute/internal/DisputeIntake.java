package io.minyi.dispute.internal;

import io.minyi.platform.Phones;
import io.minyi.platform.SecretBox;
import io.minyi.casework.RiskLevel;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.notification.Notifications;
import io.minyi.org.JurisdictionLevel;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.Role;
import io.minyi.org.SubjectShield;
import io.minyi.org.UnitKind;
import io.minyi.platform.CityTexts;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Registers a dispute — a DISPUTE case handed into the one pool through {@link CaseIntake}, plus its parties and
 * first risk assessment, in one transaction — and re-assesses risk. A HIGH level notifies the township centre and
 * the county at once and opens a stabilisation task (疏导稳控).
 */
@Service
@RequiredArgsConstructor
public class DisputeIntake {

    static final ZoneId CHINA = io.minyi.platform.CityTime.ZONE;
    static final int MAX_PARTIES = 20;

    private final CaseIntake intake;
    private final Disputes disputes;
    private final SecretBox cipher;
    private final OrgDirectory org;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final DisputeProperties props;
    private final Clock clock;

    private final SubjectShield shield;

    private final CityTexts cityTexts;

    /** A party as typed into the form; blank rows are dropped. */
    public record PartyInput(PartyRole role, PartyKind kind, String name, String idNumber, String phone, String address) {
        boolean blank() {
            return (name == null || name.isBlank()) && (idNumber == null || idNumber.isBlank())
                    && (phone == null || phone.isBlank());
        }
    }

    public record Registration(long jurisdictionId, String categoryCode, DisputeSource source, String summary,
                               Integer peopleInvolved, BigDecimal amountInvolved, Long screeningRoundId,
                               List<PartyInput> parties, Set<RiskFactor> factors, String riskNote,
                               String idempotencyKey) {
    }

    public record Registered(long disputeId, long caseId, String trackingCode, RiskLevel risk) {
    }

    /** Registers the dispute for a viewer who may register in that jurisdiction (checked by the caller). */
    @Transactional
    public Registered register(Registration r, String by) {
        List<String> problems = new ArrayList<>();
        JurisdictionRef place = org.jurisdiction(r.jurisdictionId()).orElse(null);
        if (place == null) {
            problems.add("dispute.invalid.jurisdiction");
        }
        Disputes.Category category = r.categoryCode() == null ? null : disputes.category(r.categoryCode()).orElse(null);
        if (category == null) {
            problems.add("dispute.invalid.category");
        }
        if (r.source() == null) {
            problems.add("dispute.invalid.source");
        }
        String summary = r.summary() == null ? "" : r.summary().strip();
        if (summary.isEmpty() || summary.length() > 5000) {
            problems.add("dispute.invalid.summary");
        }
        int people = r.peopleInvolved() == null ? 2 : r.peopleInvolved();
        if (people < 1 || people > 100000) {
            problems.add("dispute.invalid.people");
        }
        if (r.amountInvolved() != null && (r.amountInvolved().signum() < 0
                || r.amountInvolved().compareTo(new BigDecimal("999999999999")) > 0)) {
            problems.add("dispute.invalid.amount");
        }
        List<Disputes.NewParty> parties = parties(r.parties(), problems);
        if (parties.isEmpty()) {
            problems.add("dispute.invalid.noParty");
        }
        if (r.riskNote() != null && r.riskNote().length() > 1000) {
            problems.add("dispute.invalid.note");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        PartyInput first = r.parties().stream().filter(p -> !p.blank()).findFirst().orElseThrow();
        var receipt = intake.receive(new NewCase(CaseType.DISPUTE, channel(r.source()), place.id(), null, null,
                first.name(), first.phone(), summary, category.name(), r.idempotencyKey(), null));
        Instant at = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        long id = disputes.insertIfAbsent(receipt.caseId(), place.id(), place.path(), category.code(), r.source(),
                summary, people, r.amountInvolved(), r.screeningRoundId(), today, today.plusDays(props.mediationDays()),
                by, at);
        if (!disputes.parties(id).isEmpty()) {
            // a retried form: the first submission already stored everything
            return new Registered(id, receipt.caseId(), receipt.trackingCode(), disputes.find(id).orElseThrow().risk());
        }
        parties.forEach(p -> disputes.insertParty(id, p));
        audit.record(AuditEntry.of("dispute.dispute.register", "dispute", id)
                .withChange(null, cityTexts.of("dispute.notice.registered", category.name(),
                        cityTexts.of(io.minyi.platform.EnumLabels.key(r.source())),
                        parties.size())));
        RiskLevel level = assess(id, r.factors(), r.riskNote(), by);
        return new Registered(id, receipt.caseId(), receipt.trackingCode(), level);
    }

    /** A (re-)assessment of 民转刑 risk by someone who may act on the dispute (checked by the caller). */
    @Transactional
    public RiskLevel assess(long disputeId, Set<RiskFactor> factors, String note, String by) {
        Set<RiskFactor> f = factors == null || factors.isEmpty() ? EnumSet.noneOf(RiskFactor.class) : EnumSet.copyOf(factors);
        if (note != null && note.length() > 1000) {
            throw new InvalidInputException("dispute.invalid.note");
        }
        Disputes.Row d = disputes.lock(disputeId);
        RiskLevel level = RiskFactor.level(f);
        Instant at = clock.instant();
        disputes.insertAssessment(disputeId, f, RiskFactor.score(f), level, blankToNull(note), by, at);
        audit.record(AuditEntry.of("dispute.dispute.assess_risk", "dispute", disputeId)
                .withChange(d.risk() == null ? null : d.risk().name(), level.name() + " (" + RiskFactor.score(f) + ")"));
        if (level == RiskLevel.HIGH) {
            LocalDate due = LocalDate.now(clock.withZone(CHINA)).plusDays(props.stabilisationDays());
            if (disputes.openTask(disputeId, at, due)) {
                audit.record(AuditEntry.of("dispute.dispute.stabilise", "dispute", disputeId).withChange(null,
                        cityTexts.of("dispute.notice.stabiliseUntil", due)));
            }
            notifyHighRisk(d, disputeId + "-" + at.toEpochMilli());
        }
        return level;
    }

    /** The township centre and the county hear of a HIGH risk at once. */
    private void notifyHighRisk(Disputes.Row d, String key) {
        // stored once for the centres' staff: in the city's language (CityLanguage)
        var msg = new Notifications.Message(
                cityTexts.of("dispute.notice.highRisk"),
                cityTexts.of("dispute.notice.highRiskBody", d.jurisdictionName(),
                        abbreviate(d.summary(), 80)),
                "/disputes/" + d.id(), "dispute-high-" + key).about(shield.subjectsOf(SubjectShield.Kind.CASE, d.caseId()));
        for (JurisdictionRef j : org.lineage(d.jurisdictionId())) {
            if (j.level() != JurisdictionLevel.TOWNSHIP && j.level() != JurisdictionLevel.COUNTY) {
                continue;
            }
            notifications.toJurisdiction(j.id(), Role.DISPATCHER, msg);
            notifications.toJurisdiction(j.id(), Role.LEADER, msg);
            org.unitsWithin(j.path()).stream()
                    .filter(u -> u.jurisdictionId() == j.id() && u.is(UnitKind.GOVERNANCE_CENTRE))
                    .forEach(u -> notifications.toUnit(u.id(), Role.DISPATCHER, msg));
        }
    }

    private List<Disputes.NewParty> parties(List<PartyInput> input, List<String> problems) {
        List<Disputes.NewParty> out = new ArrayList<>();
        if (input == null) {
            return out;
        }
        if (input.size() > MAX_PARTIES) {
            problems.add("dispute.invalid.tooManyParties");
            return out;
        }
        for (PartyInput p : input) {
            if (p == null || p.blank()) {
                continue;
            }
            String name = p.name() == null ? "" : p.name().strip();
            if (name.isEmpty() || name.length() > 100) {
                problems.add("dispute.invalid.partyName");
            }
            if (p.role() == null || p.kind() == null) {
                problems.add("dispute.invalid.partyRole");
                continue;
            }
            String idNumber = p.idNumber() == null || p.idNumber().isBlank() ? null
                    : p.idNumber().strip().toUpperCase();
            if (idNumber != null && !validIdNumber(p.kind(), idNumber)) {
                problems.add(p.kind() == PartyKind.NATURAL ? "dispute.invalid.idNumber" : "dispute.invalid.creditCode");
            }
            String phone = null;
            if (p.phone() != null && !p.phone().isBlank()) {
                phone = p.phone().replaceAll("[\\s()\\-+]", "");
                if (!phone.matches("\\d{7,15}")) {
                    problems.add("dispute.invalid.phone");
                }
            }
            String address = p.address() == null || p.address().isBlank() ? null : p.address().strip();
            if (address != null && address.length() > 200) {
                problems.add("dispute.invalid.address");
            }
            out.add(new Disputes.NewParty(p.role(), p.kind(), name, cipher.encrypt(idNumber),
                    maskIdNumber(idNumber), cipher.encrypt(phone), Phones.mask(phone), address));
        }
        return out;
    }

    /** 18-character resident ID with its ISO 7064 check digit, or an 18-character unified social credit code. */
    static boolean validIdNumber(PartyKind kind, String id) {
        if (kind == PartyKind.LEGAL) {
            return id.matches("[0-9A-HJ-NPQRTUWXY]{18}");
        }
        if (!id.matches("\\d{17}[\\dX]")) {
            return false;
        }
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11) == id.charAt(17);
    }

    static SourceChannel channel(DisputeSource s) {
        return switch (s) {
            case GRID_VISIT, SCREENING -> SourceChannel.GRID_VISIT;
            case WALK_IN -> SourceChannel.WALK_IN;
            case PETITION -> SourceChannel.PETITION;
            case HOTLINE -> SourceChannel.HOTLINE;
            default -> SourceChannel.STAFF;
        };
    }

    static DisputeSource source(SourceChannel c) {
        return switch (c) {
            case GRID_VISIT -> DisputeSource.GRID_VISIT;
            case PETITION -> DisputeSource.PETITION;
            case HOTLINE -> DisputeSource.HOTLINE;
            default -> DisputeSource.WALK_IN;
        };
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String abbreviate(String s, int n) {
        return s == null ? "" : s.length() <= n ? s : s.substring(0, n) + "…";
    }

    void requireExists(long id) {
        disputes.find(id).orElseThrow(() -> new NotFoundException("dispute"));
    }

    /** 110101199003071234 → 110***********1234; a short code keeps its first and last character only. */
    static String maskIdNumber(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() <= 4) {
            return id.charAt(0) + "*".repeat(id.length() - 1);
        }
        int keepHead = id.length() >= 15 ? 3 : 1;
        return id.substring(0, keepHead) + "*".repeat(id.length() - keepHead - 4) + id.substring(id.length() - 4);
    }
}
