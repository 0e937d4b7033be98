package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.StaffUser;
import io.minyi.platform.ChangeHeardCache;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.platform.RefusedException;
import io.minyi.platform.SqlFilter;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import io.minyi.platform.fields.Problems;
import io.minyi.platform.fields.Xlsx;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * One kind of organisation record (jurisdiction, grid, unit, officer, staff account) driven by its {@link FieldSpec}:
 * the form, the Excel import, the export and the template all read and write through the same fields, the same
 * checks ({@link #check}) and the same SQL ({@link #write}). A subclass says what is particular to its kind: how a
 * stored record reads as values, the references and rules to check, and its list queries.
 *
 * @param <R> the row a list and a record page show
 * @param <F> the list page's filter, bound from the query string
 */
abstract class OrgKind<R extends OrgKind.Record, F extends OrgKind.ListFilter> {

    /** What every listed record offers the generic pages. */
    interface Record {
        long id();

        boolean active();
    }

    /**
     * A list page's filter, a record bound from the query string: the links of its pages and its export keep each of
     * its components under the component's own name.
     */
    interface ListFilter {
        default ListLinks links(String path) {
            List<Object> keyValues = new ArrayList<>();
            for (RecordComponent c : getClass().getRecordComponents()) {
                try {
                    keyValues.add(c.getName());
                    keyValues.add(c.getAccessor().invoke(this));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return ListLinks.of(path, keyValues.toArray());
        }
    }

    /** The filter of kinds listed by their type and place (grids, units). */
    record TypeAndPlace(String q, String type, Long jurisdiction, String status) implements ListFilter {
    }

    /** Resolved, checked values: the columns to write ({@code column} or {@code column::cast}) and their values. */
    static final class Checked {
        final Map<String, Object> columns = new LinkedHashMap<>();
        /** Ids of records this one links to, written by {@link #afterWrite}. */
        final List<Long> links = new ArrayList<>();

        Checked set(String column, Object value) {
            columns.put(column, value);
            return this;
        }
    }

    /** The audit trail keeps its records in Chinese, whoever makes the change. */
    static final Locale RECORD_LOCALE = Locale.SIMPLIFIED_CHINESE;

    final String path;
    final String table;
    final String auditType;
    private final FieldSpec spec;
    private final Field<String> key;
    private final Queries<R> queries;
    final JdbcClient jdbc;
    final AuditTrail audit;
    final MessageSource messages;
    private final @Nullable ChangeHeardCache cachedIn;

    OrgKind(Definition<R> kind, Deps deps) {
        this(kind, deps, null);
    }

    /**
     * A kind whose rows each node keeps in {@code cachedIn}: every write to its table tells the cache in the same
     * transaction, so this node forgets them when it ends, before the notification comes back.
     */
    OrgKind(Definition<R> kind, Deps deps, @Nullable ChangeHeardCache cachedIn) {
        this.path = kind.path();
        this.table = kind.table();
        this.auditType = kind.table();
        this.spec = kind.spec();
        this.key = kind.key();
        this.queries = kind.queries();
        this.jdbc = deps.jdbc();
        this.audit = deps.audit();
        this.messages = deps.messages();
        this.cachedIn = cachedIn;
    }

    /** What every kind needs, in one constructor argument. */
    record Deps(JdbcClient jdbc, AuditTrail audit, MessageSource messages) {
    }

    /**
     * What tells one kind from another: its pages' path ({@code /admin/<path>}), its table (also its audit type),
     * its fields, the field that names a record, and how its rows are read.
     */
    record Definition<R>(String path, String table, FieldSpec spec, Field<String> key, Queries<R> queries) {
    }

    /**
     * How the kind's rows are read: the SELECT (with the jurisdiction joined as {@code j}), what follows "SELECT
     * count(*)" to count them, their order, the id column and the row mapper.
     */
    record Queries<R>(String select, String countFrom, String order, String idColumn, RowMapper<R> mapper) {
    }

    /** Not final: the kinds are proxied (transactions), and a proxy answers only what it may override. */
    FieldSpec spec() {
        return spec;
    }

    /** The field that names a record in the file and in messages (a code, a badge number, a user name). */
    Field<String> key() {
        return key;
    }

    Queries<R> queries() {
        return queries;
    }

    /**
     * The list filter as SQL conditions added to {@code scoped}, which already keeps the rows inside the caller's
     * scope (every kind's query joins the jurisdiction as {@code j}), so that no kind can list beyond it.
     */
    abstract SqlFilter where(SqlFilter scoped, StaffUser me, F filter);

    private SqlFilter filtered(StaffUser me, F filter) {
        return where(SqlFilter.scopedTo("j.path", me.scopePathPattern()), me, filter);
    }

    /** One page of the rows the filter finds. */
    PageResult<R> page(StaffUser me, F filter, PageResult.Request page) {
        Queries<R> q = queries();
        return filtered(me, filter).page(jdbc, "SELECT count(*)" + q.countFrom(), q.select(), q.order(), q.mapper(),
                page);
    }

    /** Every row the filter finds, up to what one export may hold. */
    List<R> all(StaffUser me, F filter) {
        Queries<R> q = queries();
        return filtered(me, filter).all(jdbc, q.select(), q.order(), q.mapper());
    }

    /** The record in the caller's scope; {@link NotFoundException} when it is outside or missing. */
    R get(StaffUser me, long id) {
        Queries<R> q = queries();
        return jdbc.sql(q.select() + " WHERE " + q.idColumn() + " = ? AND j.path LIKE ?")
                .params(id, me.scopePathPattern()).query(q.mapper()).optional()
                .orElseThrow(() -> new NotFoundException(table + " " + id));
    }

    /** A stored record as values of the specification, for the form, the export and the round trip. */
    abstract FieldValues values(R row);

    /** The id of the record already holding the key of {@code v}, wherever it is (keys are unique city-wide). */
    Optional<Long> holderOfKey(FieldValues v, Refs refs) {
        // most kinds are named by a city-wide code in their own table
        return jdbc.sql("SELECT id FROM " + table + " WHERE code = ?").param(v.get(key)).query(Long.class).optional();
    }

    /**
     * Resolves references and checks the rules across fields; reports problems; answers the columns to write.
     *
     * @param existing the stored record when {@code v} changes it, null when it is new
     */
    abstract Checked check(StaffUser me, FieldValues v, R existing, Refs refs, Problems p);

    /** {@link #check}, after reporting each field given when a record is made that a new record lacks. */
    private Checked checkFields(StaffUser me, FieldValues v, R existing, Refs refs, Problems p) {
        if (existing == null) {
            spec().fields().stream().filter(f -> f.input().fixed() && v.get(f) == null && !p.has(f))
                    .forEach(f -> p.about(f).missing());
        }
        return check(me, v, existing, refs, p);
    }

    /** What is written after the record itself (links to other records); nothing by default. */
    void afterWrite(long id, FieldValues v, Checked c, Refs refs, boolean fromSheet) {
    }

    /** Whether the stored record already says what {@code read} says. */
    boolean unchanged(FieldValues stored, FieldValues read) {
        return stored.sameAs(read, spec());
    }

    /** Called in the transaction before each write to this kind's table. */
    private void writing() {
        if (cachedIn != null) {
            cachedIn.changing();
        }
    }

    /** Extra rules before switching a record off: answers the message key of the refusal, if any. */
    Optional<String> refuseDeactivation(StaffUser me, long id) {
        return Optional.empty();
    }

    /**
     * The refusal while active records still point at this one.
     *
     * @param references each {@code table.column} whose active rows name this record
     */
    Optional<String> refusedWhileReferenced(long id, String refusal, String... references) {
        String sum = Arrays.stream(references).map(r -> r.split("\\."))
                .map(r -> "(SELECT count(*) FROM " + r[0] + " WHERE " + r[1] + " = ? AND active)")
                .collect(Collectors.joining(" + "));
        Object[] ids = Collections.nCopies(references.length, (Object) id).toArray();
        long busy = jdbc.sql("SELECT " + sum).params(ids).query(Long.class).single();
        return busy > 0 ? Optional.of(refusal) : Optional.empty();
    }

    /** {@code org.<record>.<verb>} (decision 0025). */
    String auditAction(String verb) {
        return "org." + auditType + "." + verb;
    }

    // ---- the form -------------------------------------------------------------------------------------------------

    /** The fields the form about {@code row} (null: a new record) asks for, in the order of the file's columns. */
    List<Field<?>> formFields(R row) {
        return spec().fields().stream().filter(f -> f.askedWhen(row == null)).toList();
    }

    /** Reads a form; a unit the form picked from its list (by id) is read as the code a file would name it by. */
    private FieldValues readForm(StaffUser me, Map<String, List<String>> params, Problems p) {
        Refs refs = new Refs(jdbc, me);
        return spec().read(params, refs::unitCode, p);
    }

    @Transactional
    long create(StaffUser me, Map<String, List<String>> params) {
        Problems p = Problems.ofForm(messages);
        Refs refs = new Refs(jdbc, me);
        FieldValues v = readForm(me, params, p);
        long id = reserveIds(1).getFirst();
        refs.plannedId = id;
        Checked c = checkKeyAndRules(me, v, null, refs, p);
        p.throwIfAny();
        write(id, c, true);
        afterWrite(id, v, c, refs, false);
        audit.record(AuditEntry.of(auditAction("create"), auditType, id).withChange(null, summary(get(me, id))));
        return id;
    }

    @Transactional
    void update(StaffUser me, long id, Map<String, List<String>> params) {
        R before = lock(me, id);
        Problems p = Problems.ofForm(messages);
        Refs refs = new Refs(jdbc, me);
        FieldValues v = readForm(me, params, p);
        refs.plannedId = id;
        Checked c = checkKeyAndRules(me, v, before, refs, p);
        p.throwIfAny();
        write(id, c, false);
        afterWrite(id, v, c, refs, false);
        audit.record(AuditEntry.of(auditAction("update"), auditType, id)
                .withChange(summary(before), summary(get(me, id))));
    }

    @Transactional
    void setActive(StaffUser me, long id, boolean active) {
        R before = lock(me, id);
        if (before.active() == active) {
            return;
        }
        if (!active) {
            refuseDeactivation(me, id).ifPresent(key -> {
                throw new RefusedException(key);
            });
        }
        writing();
        jdbc.sql("UPDATE " + table + " SET active = ?, updated_at = now() WHERE id = ?").params(active, id).update();
        audit.record(AuditEntry.of(auditAction(active ? "activate" : "deactivate"), auditType, id)
                .withChange(summary(before), summary(get(me, id))));
    }

    R lock(StaffUser me, long id) {
        R row = get(me, id);
        jdbc.sql("SELECT id FROM " + table + " WHERE id = ? FOR UPDATE").param(id).query(Long.class).single();
        return row;
    }

    private Checked checkKeyAndRules(StaffUser me, FieldValues v, R existing, Refs refs, Problems p) {
        Checked c = checkFields(me, v, existing, refs, p);
        String key = v.get(key());
        if (key != null) {
            holderOfKey(v, refs).filter(holder -> existing == null || holder != existing.id())
                    .ifPresent(holder -> p.about(key()).problem(takenKey(), key));
        }
        return c;
    }

    String takenKey() {
        return "org.problem.taken";
    }

    /** "label=value" for every field that has a value, as the audit trail keeps before and after. */
    String summary(R row) {
        FieldValues v = values(row);
        String fields = spec().fields().stream()
                .map(f -> Map.entry(messages.getMessage(f.label(), null, RECORD_LOCALE), cellText(f, v)))
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("，"));
        return row.active() ? fields : fields + "，" + messages.getMessage("common.inactive", null, RECORD_LOCALE);
    }

    private static <T> String cellText(Field<T> f, FieldValues v) {
        return f.text(v.get(f));
    }

    // ---- the spreadsheet ------------------------------------------------------------------------------------------

    /** The template: the header, an example row and notes, all in the reader's language. */
    byte[] template() {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        String title = title();
        List<String> notes = new ArrayList<>();
        notes.add(messages.getMessage("org.import.notes.title", new Object[]{title}, locale));
        notes.add(messages.getMessage("org.import.notes.rows", null, locale));
        notes.add(messages.getMessage("org.import.notes.required", null, locale));
        notes.add(messages.getMessage("org.import.notes.update", null, locale));
        notes.addAll(Arrays.asList(messages.getMessage("org.import.notes." + path, null, locale).split("\\|")));
        List<?> example = Arrays.asList(messages.getMessage("org.import.example." + path, null, locale).split("\\|", -1));
        return Xlsx.write(title, spec().header(messages, true), List.of(example),
                messages.getMessage("org.import.notes.sheet", null, locale), notes);
    }

    public String path() {
        return path;
    }

    public String title() {
        return messages.getMessage("nav." + path, null, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /** A column the export adds after the import's own, for people to read; the import ignores it. */
    record Extra<R>(String label, Function<R, Object> value) {
    }

    /** Columns for reading after the import's own: names behind the codes and the like. */
    List<Extra<R>> extras() {
        return List.of();
    }

    /**
     * The export: the import's own columns first, so that the sheet imports again unchanged, then columns for
     * reading (names behind codes, the status) that an import ignores.
     */
    byte[] export(List<R> rows) {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        List<String> header = new ArrayList<>(spec().header(messages, false));
        extras().forEach(e -> header.add(messages.getMessage(e.label(), null, locale)));
        header.add(messages.getMessage("common.status", null, locale));
        List<List<?>> cells = rows.stream().<List<?>>map(r -> {
            List<Object> row = spec().cells(values(r));
            extras().forEach(e -> row.add(e.value().apply(r)));
            row.add(messages.getMessage(r.active() ? "common.active" : "common.inactive", null, locale));
            return row;
        }).toList();
        return Xlsx.write(title(), header, cells, List.of());
    }

    /** Rows checked and ready to write; {@link #write} runs inside the import's transaction. */
    record Batch(List<String> addedKeys, int changed, int unchanged, Runnable write) {
        int added() {
            return addedKeys.size();
        }

        int size() {
            return added() + changed;
        }
    }

    /**
     * Checks every row of a file against the file and the database, inside the caller's scope. A row whose key is
     * new adds a record; a row whose key the caller's scope holds changes that record (or leaves it, when it says
     * the same); a key held outside the scope or twice in the file is an error. Answers null when any row is wrong.
     */
    Batch prepare(StaffUser me, List<Xlsx.SheetRow> rows, Problems p, IntConsumer progress) {
        Refs refs = new Refs(jdbc, me);
        List<Long> newIds = reserveIds(rows.size());
        Map<String, Integer> seen = new HashMap<>();
        List<Runnable> writes = new ArrayList<>();
        List<String> added = new ArrayList<>();
        int changed = 0;
        int same = 0;
        for (int i = 0; i < rows.size(); i++) {
            Xlsx.SheetRow row = rows.get(i);
            FieldValues v = spec().read(row, p);
            String key = v.get(key());
            R existing = null;
            if (key != null) {
                Integer first = seen.putIfAbsent(keyInFile(v, refs), row.number());
                if (first != null) {
                    p.about(key()).problem("org.problem.repeated", key, first);
                }
                Optional<Long> holder = holderOfKey(v, refs);
                if (holder.isPresent()) {
                    existing = inScope(me, holder.get());
                    if (existing == null) {
                        p.about(key()).problem("org.problem.exists", key);
                    }
                }
            }
            long id = existing == null ? newIds.get(i) : existing.id();
            refs.plannedId = id;
            Checked c = checkFields(me, v, existing, refs, p);
            if (existing != null && unchanged(values(existing), v)) {
                same++;
            } else {
                boolean isNew = existing == null;
                writes.add(() -> {
                    write(id, c, isNew);
                    afterWrite(id, v, c, refs, true);
                });
                if (isNew) {
                    added.add(key);
                } else {
                    changed++;
                }
            }
            progress.accept(1);
        }
        if (!p.isEmpty()) {
            return null;
        }
        return new Batch(added, changed, same, () -> writes.forEach(w -> {
            w.run();
            progress.accept(1);
        }));
    }

    /** The key as the file must not repeat it; for officers it includes the unit's system. */
    String keyInFile(FieldValues v, Refs refs) {
        return v.get(key());
    }

    private R inScope(StaffUser me, long id) {
        try {
            return get(me, id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** The one-line account of an import for the audit trail. */
    String importSummary(Batch b) {
        List<String> keys = b.addedKeys();
        String span = keys.isEmpty() ? "" : keys.size() == 1 ? keys.getFirst() : keys.getFirst() + " … " + keys.getLast();
        String changes = b.changed() + b.unchanged() == 0 ? "" : messages.getMessage("org.import.summary.changes",
                new Object[]{b.changed(), b.unchanged()}, RECORD_LOCALE);
        return changes + messages.getMessage("org.import.summary." + path, new Object[]{b.added(), span},
                RECORD_LOCALE);
    }

    // ---- SQL ------------------------------------------------------------------------------------------------------

    /** Inserts the record with its reserved id, or updates it; a column written {@code name::cast} is cast. */
    void write(long id, Checked c, boolean isNew) {
        writing();
        List<String> names = c.columns.keySet().stream().map(k -> k.split("::")[0]).toList();
        List<String> holders = c.columns.keySet().stream()
                .map(k -> k.contains("::") ? "?::" + k.split("::")[1] : "?").toList();
        List<Object> values = new ArrayList<>(c.columns.values());
        if (isNew) {
            values.addFirst(id);
            jdbc.sql("INSERT INTO " + table + " (id, " + String.join(", ", names) + ") VALUES (?, "
                    + String.join(", ", holders) + ")").params(values).update();
        } else {
            List<String> sets = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                sets.add(names.get(i) + " = " + holders.get(i));
            }
            values.add(id);
            jdbc.sql("UPDATE " + table + " SET " + String.join(", ", sets) + ", updated_at = now() WHERE id = ?")
                    .params(values).update();
        }
    }

    /** Identity values reserved up front, so rows of one file can refer to each other before they are written. */
    List<Long> reserveIds(int count) {
        return jdbc.sql("SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)")
                .params(table, count).query(Long.class).list();
    }
}
