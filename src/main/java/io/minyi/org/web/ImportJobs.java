package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.fields.Problems;
import io.minyi.platform.fields.Xlsx;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Runs an uploaded spreadsheet as a background job: check every row, and only if all are valid write them in one
 * transaction. State lives in {@code import_job}, so any node can show progress to the polling browser.
 */
@Service
class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    /** Progress is written at most this often (rows), so that reporting it never costs more than the work. */
    private static final int PROGRESS_STEP = 250;
    private static final Duration STALE_AFTER = Duration.ofHours(1);
    /** A header may be written in any language the console speaks. */
    private static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    enum Status { RUNNING, FAILED, DONE }

    record Job(UUID id, OrgKind<?, ?> kind, String fileName, String actor, Status status, String phase, int total,
               int processed, int imported, int errorCount, List<String> errors, Instant createdAt,
               Instant finishedAt) {
        public int percent() {
            return total == 0 ? 100 : Math.min(100, processed * 100 / total);
        }

        public boolean running() {
            return status == Status.RUNNING;
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final MessageSource messages;
    private final TransactionTemplate work;
    private final TransactionTemplate progress;
    private final Map<String, OrgKind<?, ?>> kinds = new HashMap<>();
    // two at a time: a third upload waits rather than starving the request threads of database connections
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "excel-import");
        t.setDaemon(true);
        return t;
    });

    ImportJobs(JdbcClient jdbc, AuditTrail audit, Clock clock, MessageSource messages, PlatformTransactionManager tx,
               List<OrgKind<?, ?>> kinds) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.messages = messages;
        this.work = new TransactionTemplate(tx);
        this.progress = new TransactionTemplate(tx);
        this.progress.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        kinds.forEach(k -> this.kinds.put(k.path(), k));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    OrgKind<?, ?> kind(String path) {
        OrgKind<?, ?> kind = kinds.get(path);
        if (kind == null) {
            throw new NotFoundException("import kind " + path);
        }
        return kind;
    }

    /** Checks the header row, records the job and starts it; the rows were already read from a valid xlsx. */
    UUID start(StaffUser me, OrgKind<?, ?> kind, String fileName, List<Xlsx.SheetRow> sheet) {
        if (sheet.isEmpty()) {
            throw new InvalidInputException(text("org.import.empty",
                    String.join("、", kind.spec().header(messages, true))));
        }
        kind.spec().checkHeader(sheet.getFirst(), messages, LANGUAGES, kind.title());
        List<Xlsx.SheetRow> rows = sheet.subList(1, sheet.size()).stream().filter(r -> !r.isBlank()).toList();
        if (rows.isEmpty()) {
            throw new InvalidInputException(text("org.import.noRows"));
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO import_job (id, kind, file_name, actor, status, phase, total, created_at)
                        VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?)""")
                .params(id, kind.path().toUpperCase(Locale.ROOT), fileName, me.getUsername(), text("org.import.queued"),
                        rows.size(), Timestamp.from(clock.instant()))
                .update();
        Locale locale = LocaleContextHolder.getLocale();
        executor.submit(() -> {
            LocaleContextHolder.setLocale(locale);
            try {
                run(id, me, kind, rows);
            } finally {
                LocaleContextHolder.resetLocaleContext();
            }
        });
        return id;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    private void run(UUID id, StaffUser me, OrgKind<?, ?> kind, List<Xlsx.SheetRow> rows) {
        try {
            phase(id, text("org.import.checking"));
            Problems problems = Problems.ofSheet(messages, kind.spec());
            OrgKind.Batch batch = kind.prepare(me, rows, problems, counter(id));
            if (batch == null || !problems.isEmpty()) {
                finish(id, Status.FAILED, 0, problems.count(), problems.list());
                return;
            }
            phase(id, text("org.import.writing"));
            String roles = me.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            String summary = work.execute(status -> {
                batch.write().run();
                String s = kind.importSummary(batch);
                // one event per file: the file is the change a person made, and it lists what it added
                audit.recordAs(me.getUsername(), roles, AuditEntry.of(kind.auditAction("import"),
                        kind.path(), "import-" + id).withChange(null, s));
                return s;
            });
            log.info("import {} by {}: {}", id, me.getUsername(), summary);
            finish(id, Status.DONE, batch.size(), 0, List.of());
        } catch (DataIntegrityViolationException e) {
            log.info("import {} conflicted: {}", id, e.getMostSpecificCause().getMessage());
            finish(id, Status.FAILED, 0, 1, List.of(text("org.import.conflict")));
        } catch (RuntimeException e) {
            log.error("import {} failed", id, e);
            finish(id, Status.FAILED, 0, 1, List.of(text("org.import.crashed")));
        }
    }

    private IntConsumer counter(UUID id) {
        int[] done = {0};
        int[] reported = {0};
        return n -> {
            done[0] += n;
            if (done[0] - reported[0] >= PROGRESS_STEP) {
                reported[0] = done[0];
                progress.executeWithoutResult(s -> jdbc.sql("UPDATE import_job SET processed = ? WHERE id = ?")
                        .params(done[0], id).update());
            }
        };
    }

    private void phase(UUID id, String phase) {
        progress.executeWithoutResult(s -> jdbc.sql("UPDATE import_job SET phase = ?, processed = 0 WHERE id = ?")
                .params(phase, id).update());
    }

    private void finish(UUID id, Status status, int imported, int errorCount, List<String> errors) {
        progress.executeWithoutResult(s -> jdbc.sql("""
                        UPDATE import_job SET status = ?, phase = ?, processed = total, imported = ?, error_count = ?,
                               errors = ?::text[], finished_at = ? WHERE id = ?""")
                .params(status.name(), text(status == Status.DONE ? "org.import.finished" : "org.import.notImported"),
                        imported, errorCount, errors.toArray(String[]::new), Timestamp.from(clock.instant()), id)
                .update());
    }

    /** A job is visible only to whoever uploaded the file. */
    Job get(StaffUser me, UUID id) {
        // a job still running after an hour lost its node (a restart): its transaction never committed
        jdbc.sql("""
                        UPDATE import_job SET status = 'FAILED', phase = ?, error_count = 1, finished_at = ?,
                               errors = ARRAY[?]
                        WHERE id = ? AND status = 'RUNNING' AND created_at < ?""")
                .params(text("org.import.notImported"), Timestamp.from(clock.instant()),
                        text("org.import.interrupted"), id, Timestamp.from(clock.instant().minus(STALE_AFTER)))
                .update();
        return jdbc.sql("SELECT * FROM import_job WHERE id = ? AND actor = ?").params(id, me.getUsername())
                .query((rs, i) -> {
                    Array errors = rs.getArray("errors");
                    Timestamp finished = rs.getTimestamp("finished_at");
                    return new Job(rs.getObject("id", UUID.class), kind(rs.getString("kind").toLowerCase(Locale.ROOT)),
                            rs.getString("file_name"), rs.getString("actor"), Status.valueOf(rs.getString("status")),
                            rs.getString("phase"), rs.getInt("total"), rs.getInt("processed"), rs.getInt("imported"),
                            rs.getInt("error_count"), List.of((String[]) errors.getArray()),
                            rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
                })
                .optional().orElseThrow(() -> new NotFoundException("import job " + id));
    }
}
