package io.minyi.grid.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.fields.Field;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Households kept by a township centre, within the grids the staff member sees: the form, the sheet's import (every
 * row is checked first; a sheet with any bad row stores nothing and names each problem by row and column) and the
 * export, all through {@link HouseholdFields}. ID and phone numbers go out masked and come back as "keep".
 */
@Service
@RequiredArgsConstructor
public class HouseholdAdmin {

    private final Households households;
    private final GridScope scope;
    private final AuditTrail audit;
    private final MessageSource messages;

    public record Result(int added, int updated, int unchanged) {
    }

    /** A row's grid in the caller's scope, and the household already at its address, if any. */
    private record Checked(GridRef grid, Optional<Households.Household> stored) {
    }

    public HouseholdFields fields() {
        return HouseholdFields.of(messages);
    }

    /** The grids the caller keeps households of, by code. */
    public Map<String, GridRef> grids(StaffUser me) {
        return scope.visible(me).stream()
                .collect(Collectors.toMap(GridRef::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    @Transactional
    public Result importSheet(byte[] xlsx, StaffUser me) {
        HouseholdFields f = fields();
        FieldSpec spec = f.spec();
        Map<String, GridRef> grids = grids(me);
        List<Xlsx.SheetRow> rows = Xlsx.read(xlsx);
        Problems p = Problems.ofSheet(messages, spec);
        Map<String, Integer> seen = new HashMap<>();
        List<Households.NewHousehold> writes = new ArrayList<>();
        int unchanged = 0;
        for (Xlsx.SheetRow row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            if (row.isBlank()) {
                continue;
            }
            FieldValues v = spec.read(row, p);
            Integer first = seen.putIfAbsent(v.get(f.grid()) + "\n" + v.get(f.address()), row.number());
            if (first != null && v.get(f.address()) != null) {
                p.about(f.address()).problem("grid.householdImport.repeated", v.get(f.address()), first);
            }
            Checked c = check(f, v, grids, p);
            if (c.stored().isPresent() && values(f, c.stored().get(), c.grid().code()).sameAs(v, spec)) {
                unchanged++;
            } else if (c.grid() != null) {
                writes.add(household(f, v, c.grid(), null));
            }
        }
        p.throwIfAny();
        int added = (int) writes.stream().filter(households::upsert).count();
        audit.record(AuditEntry.of("grid.household.import", "grid_household", "sheet")
                .withChange(null, writes.size() + unchanged + " rows"));
        return new Result(added, writes.size() - added, unchanged);
    }

    /**
     * Adds a household from the form, or changes the stored one {@code id} (in scope, else not found): its grid and
     * address, which name it, stay.
     */
    @Transactional
    public long save(StaffUser me, Map<String, List<String>> params, Long id) {
        HouseholdFields f = fields();
        Map<String, GridRef> grids = grids(me);
        Map<String, List<String>> given = new HashMap<>(params);
        Households.Household before = id == null ? null : inScope(me, id);
        if (before != null) {
            given.put(f.grid().input().param(), List.of(String.valueOf(before.gridId())));
            given.put(f.address().name(), List.of(before.address()));
        }
        Problems p = Problems.ofForm(messages);
        FieldValues v = f.spec().read(given, gridId -> grids.values().stream().filter(g -> g.id() == gridId)
                .map(GridRef::code).findFirst(), p);
        Checked c = check(f, v, grids, p);
        if (before == null && c.stored().isPresent()) {
            p.about(f.address()).problem("grid.householdImport.exists", v.get(f.address()));
        }
        p.throwIfAny();
        households.upsert(household(f, v, c.grid(), null));
        long saved = households.at(c.grid().id(), v.get(f.address())).orElseThrow().id();
        audit.record(AuditEntry.of(before == null ? "grid.household.create" : "grid.household.update",
                "grid_household", saved).withChange(before == null ? null : summary(before), summary(
                households.byId(saved).orElseThrow())));
        return saved;
    }

    /** A household the caller keeps, as the form shows it (masked); the view is audited: it is personal data. */
    @Transactional
    public Map<String, String> form(StaffUser me, long id) {
        Households.Household h = inScope(me, id);
        audit.record(AuditEntry.of("grid.household.view", "grid_household", id));
        HouseholdFields f = fields();
        Map<String, String> form = f.spec().form(values(f, h, codeOf(me, h.gridId())));
        form.put(f.grid().input().param(), String.valueOf(h.gridId()));
        return form;
    }

    /** The first {@code limit} households of the caller's grids, for the register's list; audited as a view. */
    @Transactional
    public List<Households.Household> listed(StaffUser me, int limit) {
        List<Households.Household> listed = households.ofGrids(scope.visible(me).stream().map(GridRef::id).toList(),
                limit);
        audit.record(AuditEntry.of("grid.household.view", "grid_household", "list")
                .withChange(null, listed.size() + " rows"));
        return listed;
    }

    /** The household {@code id} if one of the caller's grids holds it; else not found, as if it did not exist. */
    public Households.Household inScope(StaffUser me, long id) {
        return households.byId(id).filter(h -> scope.visible(me).stream().anyMatch(g -> g.id() == h.gridId()))
                .orElseThrow(() -> new NotFoundException("household " + id));
    }

    /** The caller's households as a sheet in the import's columns, numbers masked; audited as a view. */
    @Transactional
    public byte[] export(StaffUser me) {
        HouseholdFields f = fields();
        List<GridRef> grids = scope.visible(me);
        Map<Long, String> codes = grids.stream().collect(Collectors.toMap(GridRef::id, GridRef::code));
        List<Households.Household> all = households.ofGrids(List.copyOf(codes.keySet()), Xlsx.MAX_ROWS);
        audit.record(AuditEntry.of("grid.household.export", "grid_household", "sheet")
                .withChange(null, all.size() + " rows"));
        List<List<?>> rows = new ArrayList<>();
        all.forEach(h -> rows.add(f.spec().cells(values(f, h, codes.get(h.gridId())))));
        return Xlsx.write(word("sheet"), f.spec().header(messages, false), rows, List.of());
    }

    /** An empty sheet to fill in: the import's columns, the required ones marked with *. */
    public byte[] template() {
        return Xlsx.write(word("sheet"), fields().spec().header(messages, true), List.of(), List.of());
    }

    /** A household the demo loader describes with {@code f}'s values, at a place on the map. */
    public void load(HouseholdFields f, FieldValues v, GridRef grid, Coordinates at) {
        households.upsert(household(f, v, grid, at));
    }

    private Checked check(HouseholdFields f, FieldValues v, Map<String, GridRef> grids, Problems p) {
        String code = v.get(f.grid());
        GridRef grid = code == null ? null : grids.get(code);
        if (code != null && grid == null) {
            p.about(f.grid()).problem("grid.householdImport.grid");
        }
        Optional<Households.Household> stored = grid == null || v.get(f.address()) == null ? Optional.empty()
                : households.at(grid.id(), v.get(f.address()));
        keepsStored(f.idNumber(), v, stored.map(Households.Household::idMasked), p);
        keepsStored(f.phone(), v, stored.map(Households.Household::phoneMasked), p);
        return new Checked(grid, stored);
    }

    /** A masked number keeps the stored one, so it must be that one's mask: a new household needs it in full. */
    private static void keepsStored(Field<String> field, FieldValues v, Optional<String> storedMask, Problems p) {
        String value = v.get(field);
        if (HouseholdFields.masked(value) && storedMask.filter(value::equals).isEmpty() && !p.has(field)) {
            p.about(field).problem("grid.householdImport.masked");
        }
    }

    private static Households.NewHousehold household(HouseholdFields f, FieldValues v, GridRef grid, Coordinates at) {
        return new Households.NewHousehold(grid.id(), grid.villagePath(), v.get(f.building()), v.get(f.address()),
                v.get(f.head()), v.get(f.idNumber()), v.get(f.phone()), v.get(f.members()),
                Objects.requireNonNullElse(v.get(f.care()), HouseholdFields.CARE_KINDS.getFirst()),
                at == null ? null : at.lat(), at == null ? null : at.lon());
    }

    private static FieldValues values(HouseholdFields f, Households.Household h, String gridCode) {
        return f.values(gridCode, h.buildingName(), h.address(), h.headName(), h.idMasked(), h.phoneMasked(),
                h.members(), h.careKind());
    }

    /** The audit trail's "before" and "after": no ID number, only what the page shows. */
    private static String summary(Households.Household h) {
        return h.address() + " " + h.headName() + " " + h.careKind();
    }

    private String codeOf(StaffUser me, long gridId) {
        return scope.visible(me).stream().filter(g -> g.id() == gridId).map(GridRef::code).findFirst().orElse("");
    }

    private String word(String key) {
        return messages.getMessage("grid.householdSheet." + key, null, LocaleContextHolder.getLocale());
    }
}
