package io.minyi.audit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Anchors the chain head outside the database: every {@code minyi.audit.checkpoint-interval} the newest event's id,
 * link and the number of events up to it are appended, signed, to {@code minyi.audit.checkpoint-file} (and written
 * to the log, which is usually shipped off the host). Someone who can write the database but has neither the key nor
 * that file cannot delete the newest events (truncation) or recompute the chain (re-chaining) unnoticed: the
 * verification compares every anchored row. The daily report carries the head too.
 */
@Configuration(proxyBeanMethods = false)
class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    /**
     * One anchored chain head; {@code events} counts the events up to and including {@code id} in the chain's order,
     * which is the event's position ({@code chain_seq}, dense from 1; for lines written before decision 0033 the
     * count of events up to the id, the same number because the chain followed the ids then).
     */
    record Checkpoint(Instant at, long id, String hash, long events) {
        String text() {
            return "v1 " + at + " " + id + " " + hash + " " + events;
        }
    }

    private final JdbcClient jdbc;
    private final AuditChainer chainer;
    private final AuditKeys keys;
    private final Clock clock;
    private final Path file;
    private final Duration interval;

    AuditCheckpoints(JdbcClient jdbc, AuditChainer chainer, AuditKeys keys, Clock clock,
                     @Value("${minyi.audit.checkpoint-file:}") String file,
                     @Value("${minyi.audit.checkpoint-interval:1h}") Duration interval) {
        this.jdbc = jdbc;
        this.chainer = chainer;
        this.keys = keys;
        this.clock = clock;
        this.file = file.isBlank() ? null : Path.of(file);
        this.interval = interval;
    }

    @Bean
    RecurringTask<Void> auditCheckpointTask() {
        return Tasks.recurring("audit-checkpoint", Schedules.fixedDelay(interval))
                .execute((instance, ctx) -> anchor());
    }

    /** Links what has committed, then appends the chain's head, signed; nothing when the chain is empty. */
    synchronized Optional<Checkpoint> anchor() {
        try {
            chainer.chainPending(true);
        } catch (RuntimeException e) {
            log.warn("audit chain: could not link pending events before the checkpoint: {}", e.toString());
        }
        Optional<Checkpoint> head = jdbc.sql("""
                        SELECT id, hash, chain_seq FROM audit_event
                        WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1""")
                .query((rs, n) -> new Checkpoint(clock.instant(), rs.getLong("id"), rs.getString("hash"),
                        rs.getLong("chain_seq"))).optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint c = head.get();
        String line = c.text() + " " + keys.signCheckpoint(c.text());
        log.info("audit chain checkpoint {}", line);
        if (file != null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE)) {
                    out.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
                    out.force(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the audit checkpoint file " + file, e);
            }
        }
        return head;
    }

    /**
     * Reads the checkpoint file into {@code into} in the chain's order, keeping the last line per position.
     *
     * @return false when a line is not signed with our key (the file was edited): such lines are left out
     */
    boolean readVerified(List<Checkpoint> into) {
        if (file == null || Files.notExists(file)) {
            return true;
        }
        boolean allSigned = true;
        java.util.TreeMap<Long, Checkpoint> byPosition = new java.util.TreeMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] p = line.strip().split(" ");
                if (p.length != 6 || !"v1".equals(p[0])) {
                    allSigned = false;
                    continue;
                }
                Checkpoint c;
                try {
                    c = new Checkpoint(Instant.parse(p[1]), Long.parseLong(p[2]), p[3], Long.parseLong(p[4]));
                } catch (RuntimeException e) {
                    allSigned = false;
                    continue;
                }
                if (!java.security.MessageDigest.isEqual(keys.signCheckpoint(c.text()).getBytes(StandardCharsets.UTF_8),
                        p[5].getBytes(StandardCharsets.UTF_8))) {
                    allSigned = false;
                    continue;
                }
                byPosition.put(c.events(), c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint file " + file, e);
        }
        into.addAll(byPosition.values());
        return allSigned;
    }
}
