package io.minyi.dispute.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import io.minyi.platform.fields.Problems;
import io.minyi.platform.fields.Xlsx;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the organisations and the mediator pool. A mediator is read, checked and written through its
 * {@link MediatorFields} whether it comes from the form, a sheet or the demo loader, so a field rule is written once.
 */
@Service
@RequiredArgsConstructor
public class PoolAdmin {

    private static final int PAGE = 1000;

    private final MediatorPool pool;
    private final Disputes disputes;
    private final OrgDirectory org;
    private final AuditTrail audit;
    private final MessageSource messages;

    /** What an import did: mediators added or changed, and rows that already said what is stored. */
    public record Imported(int written, int unchanged) {
    }

    /** What a mediator's values name in the caller's scope: its organisation and the places it serves. */
    private record Resolved(MediatorPool.Org org, List<String> servedPaths) {
    }

    /** A mediator's fields, offering today's dispute categories as specialties. */
    public MediatorFields fields() {
        return MediatorFields.of(messages, disputes.categories().stream().map(Disputes.Category::name).toList());
    }

    public MediationOrgFields orgFields() {
        return MediationOrgFields.of(messages);
    }

    /** An organisation from the pool page's form, which picks its place by id from the caller's jurisdictions. */
    @Transactional
    public long saveOrg(Map<String, List<String>> params, String scopePattern) {
        MediationOrgFields f = orgFields();
        Problems p = Problems.ofForm(messages);
        FieldValues v = f.spec().read(params, id -> org.jurisdiction(id)
                .filter(j -> j.path().startsWith(prefix(scopePattern))).map(JurisdictionRef::code), p);
        return saveOrg(f, v, scopePattern, p);
    }

    /** An organisation the demo loader describes with {@code f}'s values. */
    @Transactional
    public long saveOrg(MediationOrgFields f, FieldValues v, String scopePattern) {
        return saveOrg(f, v, scopePattern, Problems.ofForm(messages));
    }

    /** A code held by an organisation outside the caller's scope is refused, as a mediator's is. */
    private long saveOrg(MediationOrgFields f, FieldValues v, String scopePattern, Problems p) {
        String prefix = prefix(scopePattern);
        String code = v.get(f.code());
        if (code != null && pool.orgByCode(code).filter(o -> !o.jurisdictionPath().startsWith(prefix)).isPresent()) {
            p.about(f.code()).problem("dispute.invalid.orgElsewhere", code);
        }
        String placeCode = v.get(f.place());
        Optional<JurisdictionRef> place = placeCode == null ? Optional.empty()
                : org.jurisdictionByCode(placeCode).filter(j -> j.path().startsWith(prefix));
        if (placeCode != null && place.isEmpty()) {
            p.about(f.place()).problem("dispute.invalid.jurisdiction");
        }
        p.throwIfAny();
        JurisdictionRef j = place.orElseThrow();
        long id = pool.upsertOrg(code, v.get(f.name()), v.get(f.kind()), j.id(), j.path());
        audit.record(AuditEntry.of("dispute.mediation_org.save", "mediation_org", id)
                .withChange(null, code + " " + v.get(f.name())));
        return id;
    }

    /** A mediator from the pool page's form, which picks the organisation by id from those in scope. */
    @Transactional
    public long saveMediator(Map<String, List<String>> params, String scopePattern) {
        MediatorFields f = fields();
        Problems p = Problems.ofForm(messages);
        FieldValues v = f.spec().read(params, id -> pool.org(id)
                .filter(o -> o.jurisdictionPath().startsWith(prefix(scopePattern))).map(MediatorPool.Org::code), p);
        return save(f, v, scopePattern, null, p);
    }

    /** A mediator the demo loader describes with {@code f}'s values, optionally the person of a staff account. */
    @Transactional
    public long saveMediator(MediatorFields f, FieldValues v, String scopePattern, Long staffId) {
        return save(f, v, scopePattern, staffId, Problems.ofForm(messages));
    }

    private long save(MediatorFields f, FieldValues v, String scopePattern, Long staffId, Problems p) {
        checkCodeInScope(f, v, scopePattern, p);
        Resolved r = resolve(f, v, scopePattern, p);
        p.throwIfAny();
        return store(f, v, r, staffId);
    }

    /** A code held by a mediator outside the caller's scope is refused: an import or a form never takes one over. */
    private Optional<MediatorPool.Mediator> checkCodeInScope(MediatorFields f, FieldValues v, String scopePattern,
                                                             Problems p) {
        String code = v.get(f.code());
        Optional<MediatorPool.Mediator> held = code == null ? Optional.empty() : pool.mediatorByCode(code);
        if (held.isPresent() && !held.get().orgPath().startsWith(prefix(scopePattern))) {
            p.about(f.code()).problem("dispute.invalid.mediatorElsewhere", code);
            return Optional.empty();
        }
        return held;
    }

    private Resolved resolve(MediatorFields f, FieldValues v, String scopePattern, Problems p) {
        String prefix = prefix(scopePattern);
        String orgCode = v.get(f.org());
        MediatorPool.Org o = orgCode == null ? null : pool.orgByCode(orgCode)
                .filter(x -> x.jurisdictionPath().startsWith(prefix)).orElse(null);
        if (orgCode != null && o == null) {
            p.about(f.org()).problem("dispute.invalid.org");
        }
        List<String> served = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (String code : v.get(f.served()) == null ? List.<String>of() : v.get(f.served())) {
            org.jurisdictionByCode(code).filter(j -> j.path().startsWith(prefix))
                    .ifPresentOrElse(j -> served.add(j.path()), () -> outside.add(code));
        }
        if (!outside.isEmpty()) {
            p.about(f.served()).problem("dispute.invalid.servedPlace", String.join("、", outside));
        }
        return new Resolved(o, served);
    }

    private long store(MediatorFields f, FieldValues v, Resolved r, Long staffId) {
        // by default a mediator serves the organisation's own area
        List<String> served = r.servedPaths().isEmpty() ? List.of(r.org().jurisdictionPath()) : r.servedPaths();
        String phone = v.get(f.phone()) == null ? null : v.get(f.phone()).replaceAll("[\\s()\\-+]", "");
        String code = v.get(f.code());
        long id = pool.upsertMediator(code, v.get(f.name()), v.get(f.kind()), r.org().id(), staffId, phone,
                v.get(f.specialties()) == null ? List.of() : List.copyOf(v.get(f.specialties())), served,
                !Boolean.FALSE.equals(v.get(f.active())));
        audit.record(AuditEntry.of("dispute.mediator.save", "mediator", id)
                .withChange(null, code + " " + v.get(f.name())));
        return id;
    }

    /** A stored mediator as the sheet and the form show it. */
    private FieldValues values(MediatorFields f, MediatorPool.Mediator m) {
        return f.values(m.code(), m.name(), m.kind(), m.orgCode(), m.phone(), m.specialties(),
                m.servedPaths().stream().map(this::codeOfPath).toList(), m.active());
    }

    /** The pool under the scope as a sheet in the columns the import reads, in the reader's language. */
    @Transactional(readOnly = true)
    public byte[] export(String scopePattern) {
        MediatorFields f = fields();
        List<List<?>> rows = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<MediatorPool.Mediator> page = pool.mediatorsWithin(scopePattern, PAGE, offset);
            page.forEach(m -> rows.add(f.spec().cells(values(f, m))));
            if (page.size() < PAGE) {
                break;
            }
        }
        return Xlsx.write(word("sheet"), f.spec().header(messages, false), rows, List.of());
    }

    /** An empty sheet to fill in: the import's columns, the required ones marked with *. */
    public byte[] template() {
        return Xlsx.write(word("sheet"), fields().spec().header(messages, true), List.of(), List.of());
    }

    /**
     * Imports a sheet in the export's columns: all rows or none, every problem named by its row and column. A row that
     * says what is stored is left as it is, so an exported sheet imports again without a change.
     */
    @Transactional
    public Imported importSheet(byte[] xlsx, String scopePattern) {
        MediatorFields f = fields();
        FieldSpec spec = f.spec();
        List<Xlsx.SheetRow> rows = Xlsx.read(xlsx);
        Problems p = Problems.ofSheet(messages, spec);
        Map<String, Integer> seen = new HashMap<>();
        List<Runnable> writes = new ArrayList<>();
        int unchanged = 0;
        for (Xlsx.SheetRow row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            if (row.isBlank()) {
                continue;
            }
            FieldValues v = spec.read(row, p);
            String code = v.get(f.code());
            Integer first = code == null ? null : seen.putIfAbsent(code, row.number());
            if (first != null) {
                p.about(f.code()).problem("dispute.invalid.mediatorRepeated", code, first);
            }
            Optional<MediatorPool.Mediator> stored = checkCodeInScope(f, v, scopePattern, p);
            Resolved r = resolve(f, v, scopePattern, p);
            if (stored.isPresent() && values(f, stored.get()).sameAs(v, spec)) {
                unchanged++;
            } else {
                writes.add(() -> store(f, v, r, null));
            }
        }
        p.throwIfAny();
        writes.forEach(Runnable::run);
        return new Imported(writes.size(), unchanged);
    }

    private static String prefix(String scopePattern) {
        return scopePattern.substring(0, scopePattern.length() - 1);
    }

    /** dispute.mediatorSheet.&lt;key&gt; in the reader's language. */
    private String word(String key) {
        return messages.getMessage("dispute.mediatorSheet." + key, null, LocaleContextHolder.getLocale());
    }

    private String codeOfPath(String path) {
        String[] parts = path.split("/");
        return org.jurisdiction(Long.parseLong(parts[parts.length - 1])).map(JurisdictionRef::code).orElse("");
    }
}
