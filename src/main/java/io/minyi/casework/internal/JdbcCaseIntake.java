package io.minyi.casework.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseState;
import io.minyi.casework.NewCase;
import io.minyi.casework.RaiserContacts;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.OfficerRef;
import io.minyi.org.SubjectShield;
import io.minyi.platform.CityKey;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.TrackingCode;
import io.minyi.platform.Photos;
import lombok.RequiredArgsConstructor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The one way into the pool, and the only place the raiser's contact is decrypted for another module. */
@Service
@RequiredArgsConstructor
class JdbcCaseIntake implements CaseIntake, RaiserContacts {

    static final int MAX_CONTENT = CaseLimits.CONTENT;
    static final int MAX_PHOTOS = 10;

    private final Cases cases;
    private final OrgDirectory org;
    private final RaiserCrypto crypto;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DuplicateSuggestions duplicates;
    private final Attachments attachments;
    private final SubjectShield shield;

    @Override
    @Transactional
    public Receipt receive(NewCase n) {
        Checked in = check(n);
        if (n.idempotencyKey() != null) {
            var seen = cases.byIdempotencyKey(n.idempotencyKey(), in.path());
            if (seen.isPresent()) {
                return new Receipt(seen.get().getKey(), seen.get().getValue());
            }
        }
        Instant at = clock.instant();
        Optional<CaseSnapshot> row = cases.insert(new Cases.NewRow(in.code(), n.idempotencyKey(), n.type(), n.channel(),
                n.jurisdictionId(), in.path(), in.subjectUnit(), n.subjectOfficerId(), crypto.encrypt(in.name()),
                RaiserCrypto.maskName(in.name()), crypto.encrypt(in.phone()), RaiserCrypto.maskPhone(in.phone()),
                crypto.raiserKey(in.phone()), in.content(), in.category(), at, n.gridId()));
        if (row.isEmpty()) {
            // a concurrent hand-in with the same key won the race
            var seen = cases.byIdempotencyKey(n.idempotencyKey(), in.path()).orElseThrow();
            return new Receipt(seen.getKey(), seen.getValue());
        }
        long caseId = row.get().id();
        Case received = record(row.get(), CityKey.of(in.path()), n);
        // what the case resembles is asked after the commit by whoever counts matters (CaseResemblance, decision 0041)
        duplicates.afterCommit(received);
        return new Receipt(caseId, in.code());
    }

    /** A new case's input after every check: what the row is made of. */
    private record Checked(String content, String path, Long subjectUnit, String phone, String name,
                           String category, String code) {
    }

    /** Every problem with the input at once, so the form shows them together; nothing is written on any. */
    private Checked check(NewCase n) {
        List<String> problems = new ArrayList<>();
        if (n.type() == null) {
            problems.add("casework.invalid.type");
        }
        if (n.channel() == null) {
            problems.add("casework.invalid.channel");
        }
        String content = n.content() == null ? "" : n.content().strip();
        if (content.isEmpty()) {
            problems.add("casework.invalid.contentEmpty");
        } else if (content.length() > MAX_CONTENT) {
            problems.add("casework.invalid.contentTooLong");
        }
        Optional<JurisdictionRef> jurisdiction = org.jurisdiction(n.jurisdictionId());
        if (jurisdiction.isEmpty()) {
            problems.add("casework.invalid.jurisdiction");
        }
        Long subjectUnit = subjectUnit(n, problems);
        String phone = null;
        try {
            phone = RaiserCrypto.normalizePhone(n.raiserPhone());
        } catch (IllegalArgumentException e) {
            problems.add("casework.invalid.phone");
        }
        String name = n.raiserName() == null || n.raiserName().isBlank() ? null : n.raiserName().strip();
        if (name != null && name.length() > CaseLimits.NAME) {
            problems.add("casework.invalid.name");
        }
        String category = n.category() == null || n.category().isBlank() ? null : n.category().strip();
        if (category != null && category.length() > CaseLimits.CATEGORY) {
            problems.add("casework.invalid.category");
        }
        String code = n.trackingCode() == null ? TrackingCode.random().value()
                : TrackingCode.parse(n.trackingCode()).map(TrackingCode::value).orElse(null);
        if (code == null) {
            problems.add("casework.invalid.trackingCode");
        }
        if (n.photos().size() > MAX_PHOTOS) {
            problems.add("casework.invalid.tooManyFiles");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(content, jurisdiction.get().path(), subjectUnit, phone, name, category, code);
    }

    /** The unit the case is about: the one named, or else the named officer's own (the raiser stays hidden from it). */
    private Long subjectUnit(NewCase n, List<String> problems) {
        Long subjectUnit = n.subjectUnitId();
        if (subjectUnit != null && org.unit(subjectUnit).isEmpty()) {
            problems.add("casework.invalid.subjectUnit");
        }
        if (n.subjectOfficerId() != null) {
            Optional<OfficerRef> officer = org.officer(n.subjectOfficerId());
            if (officer.isEmpty()) {
                problems.add("casework.invalid.subjectOfficer");
            } else if (subjectUnit == null) {
                subjectUnit = officer.get().unitId();
            }
        }
        return subjectUnit;
    }

    /** The inserted row becomes a case: shield register, first ledger step, photos, audit, and its event. */
    private Case record(CaseSnapshot row, long city, NewCase n) {
        long caseId = row.id();
        // the case's own column keeps casework's queries index-only; the register lets every other output (letters,
        // reports, the audit trail) know whom the case is about
        shield.register(SubjectShield.Kind.CASE, caseId, Collections.singleton(n.subjectOfficerId()));
        Case received = Case.receive(row, actorName(), LoopWords.label(n.channel()));
        received.newSteps().forEach(step -> cases.insertStep(city, caseId, step));
        int seq = 1;
        for (Photos.Photo photo : n.photos()) {
            attachments.storeCleaned(city, caseId, LoopWords.of("raiserPhoto", seq++), photo, Attachments.FROM_RAISER);
        }
        audit.record(AuditEntry.of(Move.RECEIVE.auditAction(), "case", caseId).withChange(null, CaseState.RECEIVED.name())
                .inCity(city));
        received.events().forEach(events::publishEvent);
        return received;
    }

    private static String actorName() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || auth.getName() == null ? "system" : auth.getName();
    }

    @Override
    public Optional<String> phoneFor(long caseId) {
        return cases.contact(caseId).map(Cases.Contact::phoneEnc).map(crypto::decrypt);
    }

    @Override
    public Map<Long, String> phonesFor(Collection<Long> caseIds) {
        Map<Long, String> phones = new HashMap<>();
        cases.phonesEnc(caseIds).forEach((id, enc) -> phones.put(id, crypto.decrypt(enc)));
        return phones;
    }

    @Override
    public Optional<String> trackingCodeFor(long caseId) {
        return cases.contact(caseId).map(Cases.Contact::trackingCode);
    }
}
