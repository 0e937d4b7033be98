package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
    private static final java.time.Duration STALE_AFTER = java.time.Duration.ofHours(1);

    enum Status { RUNNING, FAILED, DONE }

    record Job(UUID id, ImportKind kind, String fileName, String actor, Status status, String phase, int total,
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
    private final TransactionTemplate work;
    private final TransactionTemplate progress;
    private final Map<ImportKind, SheetImport> imports = new EnumMap<>(ImportKind.class);
    // two at a time: a third upload waits rather than starving the request threads of database connections
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "excel-import");
        t.setDaemon(true);
        return t;
    });

    ImportJobs(JdbcClient jdbc, AuditTrail audit, Clock clock, PlatformTransactionManager tx,
               List<SheetImport> sheetImports) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.work = new TransactionTemplate(tx);
        this.progress = new TransactionTemplate(tx);
        this.progress.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        sheetImports.forEach(s -> imports.put(s.kind(), s));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Checks the header row, records the job and starts it; the rows were already read from a valid xlsx. */
    UUID start(StaffUser me, ImportKind kind, String fileName, List<Xlsx.SheetRow> sheet) {
        if (sheet.isEmpty()) {
            throw new InvalidInputException("文件是空的：第1行应为表头 " + String.join("、", kind.header()));
        }
        checkHeader(kind, sheet.getFirst());
        List<Xlsx.SheetRow> rows = sheet.subList(1, sheet.size()).stream().filter(r -> !r.isBlank()).toList();
        if (rows.isEmpty()) {
            throw new InvalidInputException("文件中没有数据行：请从第2行起填写");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO import_job (id, kind, file_name, actor, status, phase, total, created_at)
                        VALUES (?, ?, ?, ?, 'RUNNING', '排队中', ?, ?)""")
                .params(id, kind.name(), fileName, me.getUsername(), rows.size(), Timestamp.from(clock.instant()))
                .update();
        executor.submit(() -> run(id, me, kind, rows));
        return id;
    }

    private static void checkHeader(ImportKind kind, Xlsx.SheetRow header) {
        List<String> problems = new ArrayList<>();
        for (int c = 0; c < kind.header().size(); c++) {
            String expected = kind.header().get(c).replace("*", "");
            String actual = header.cell(c).replace("*", "").strip();
            if (!expected.equals(actual)) {
                problems.add("第1行 第" + Xlsx.columnName(c) + "列 表头应为“" + expected + "”，实际为“" + actual
                        + "”。请使用下载的" + kind.title() + "模板");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private void run(UUID id, StaffUser me, ImportKind kind, List<Xlsx.SheetRow> rows) {
        try {
            phase(id, "校验中", 0);
            RowErrors errors = new RowErrors();
            SheetImport.Batch batch = imports.get(kind).prepare(me, rows, errors, counter(id, 0));
            if (batch == null || !errors.isEmpty()) {
                finish(id, Status.FAILED, 0, errors.count(), errors.list());
                return;
            }
            phase(id, "写入中", 0);
            String roles = me.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            String summary = work.execute(status -> {
                String s = batch.insert(counter(id, 0));
                // one event per file: the file is the change a person made, and it lists what it added
                audit.recordAs(me.getUsername(), roles, AuditEntry.of("IMPORT_" + kind.name(), kind.path(), "import-" + id)
                        .withChange(null, s));
                return s;
            });
            log.info("import {} by {}: {}", id, me.getUsername(), summary);
            finish(id, Status.DONE, batch.size(), 0, List.of());
        } catch (DataIntegrityViolationException e) {
            log.info("import {} conflicted: {}", id, e.getMostSpecificCause().getMessage());
            finish(id, Status.FAILED, 0, 1, List.of("数据与已有记录冲突（可能有人同时录入了相同的编码或警号），未导入任何数据，请重新上传"));
        } catch (RuntimeException e) {
            log.error("import {} failed", id, e);
            finish(id, Status.FAILED, 0, 1, List.of("导入时系统出错，未导入任何数据，请稍后重试"));
        }
    }

    private IntConsumer counter(UUID id, int start) {
        int[] done = {start};
        int[] reported = {start};
        return n -> {
            done[0] += n;
            if (done[0] - reported[0] >= PROGRESS_STEP) {
                reported[0] = done[0];
                progress.executeWithoutResult(s -> jdbc.sql("UPDATE import_job SET processed = ? WHERE id = ?")
                        .params(done[0], id).update());
            }
        };
    }

    private void phase(UUID id, String phase, int processed) {
        progress.executeWithoutResult(s -> jdbc.sql("UPDATE import_job SET phase = ?, processed = ? WHERE id = ?")
                .params(phase, processed, id).update());
    }

    private void finish(UUID id, Status status, int imported, int errorCount, List<String> errors) {
        progress.executeWithoutResult(s -> jdbc.sql("""
                        UPDATE import_job SET status = ?, phase = ?, processed = total, imported = ?, error_count = ?,
                               errors = ?::text[], finished_at = ? WHERE id = ?""")
                .params(status.name(), status == Status.DONE ? "已完成" : "未导入", imported, errorCount,
                        errors.toArray(String[]::new), Timestamp.from(clock.instant()), id)
                .update());
    }

    /** A job is visible only to whoever uploaded the file. */
    Job get(StaffUser me, UUID id) {
        // a job still running after an hour lost its node (a restart): its transaction never committed
        jdbc.sql("""
                        UPDATE import_job SET status = 'FAILED', phase = '未导入', error_count = 1, finished_at = ?,
                               errors = ARRAY['导入被中断（服务器重启），未导入任何数据，请重新上传']
                        WHERE id = ? AND status = 'RUNNING' AND created_at < ?""")
                .params(Timestamp.from(clock.instant()), id, Timestamp.from(clock.instant().minus(STALE_AFTER)))
                .update();
        return jdbc.sql("SELECT * FROM import_job WHERE id = ? AND actor = ?").params(id, me.getUsername())
                .query((rs, i) -> {
                    Array errors = rs.getArray("errors");
                    Timestamp finished = rs.getTimestamp("finished_at");
                    return new Job(rs.getObject("id", UUID.class), ImportKind.valueOf(rs.getString("kind")),
                            rs.getString("file_name"), rs.getString("actor"), Status.valueOf(rs.getString("status")),
                            rs.getString("phase"), rs.getInt("total"), rs.getInt("processed"), rs.getInt("imported"),
                            rs.getInt("error_count"), List.of((String[]) errors.getArray()),
                            rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
                })
                .optional().orElseThrow(() -> new NotFoundException("import job " + id));
    }
}
