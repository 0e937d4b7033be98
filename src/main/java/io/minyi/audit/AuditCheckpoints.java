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
 * Anchors every city's chain head outside the database: every {@code minyi.audit.checkpoint-interval} each city's
 * newest event's id, link and position are appended, signed, to {@code minyi.audit.checkpoint-file} (and written to
 * the log, which is usually shipped off the host), one line per city (decision 0044). Someone who can write the database but has neither the key nor
 * that file cannot delete the newest events (truncation) or recompute the chain (re-chaining) unnoticed: the
 * verification compares every anchored row. The daily report carries the head too.
 */
@Configuration(proxyBeanMethods = false)
class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    /**
     * One anchored head of {@code city}'s chain; {@code events} counts the events up to and including {@code id} in
     * that chain's order, which is the event's position ({@code chain_seq}, dense from 1).
     * <p>
     * Lines written before decision 0044 ({@code v1}, one chain for the installation) have no city ({@code null}):
     * they anchor the chain of the city their event now belongs to. The upgrade to one chain per city (the former
     * migration V10_5, in the baseline since decision 0063) kept the links of a single-city installation as they were,
     * so those lines still match; where it had to link an event again, it checked the line first and appended a
     * {@code v2} line for the event's new link, which replaces the old one.
     */
    record Checkpoint(Instant at, Long city, long id, String hash, long events) {
        String text() {
            return city == null ? "v1 " + at + " " + id + " " + hash + " " + events
                    : "v2 " + at + " " + city + " " + id + " " + hash + " " + events;
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

    /** Links what has committed, then appends each city's head, signed; nothing for a city without a chain. */
    synchronized List<Checkpoint> anchor() {
        try {
            chainer.chainPending(true);
        } catch (RuntimeException e) {
            log.warn("audit chain: could not link pending events before the checkpoint: {}", e.toString());
        }
        // one head per city: the newest position of each chain, one index probe per city
        List<Checkpoint> heads = new java.util.ArrayList<>();
        for (long city : chainer.cities()) {
            jdbc.sql("""
                            SELECT id, hash, chain_seq FROM audit_event
                            WHERE city_id = ? AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1""")
                    .param(city)
                    .query((rs, n) -> new Checkpoint(clock.instant(), city, rs.getLong("id"), rs.getString("hash"),
                            rs.getLong("chain_seq"))).optional().ifPresent(heads::add);
        }
        for (Checkpoint c : heads) {
            String line = c.text() + " " + keys.signCheckpoint(c.text());
            log.info("audit chain checkpoint {}", line);
            append(file, line);
        }
        return heads;
    }

    /** The checkpoint just anchored for {@code city}'s chain, if that city has one. */
    Optional<Checkpoint> anchor(long city) {
        return anchor().stream().filter(c -> c.city() == city).findFirst();
    }

    /** Appends a signed line to the checkpoint file (if one is configured) and forces it to the disk. */
    static void append(Path file, String line) {
        if (file == null) {
            return;
        }
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

    /**
     * Reads the checkpoint file into {@code into}, keeping the last line per city and position.
     *
     * @return false when a line is not signed with our key (the file was edited): such lines are left out
     */
    boolean readVerified(List<Checkpoint> into) {
        if (file == null || Files.notExists(file)) {
            return true;
        }
        boolean allSigned = true;
        java.util.Map<String, Checkpoint> byPosition = new java.util.LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] p = line.strip().split(" ");
                boolean v1 = p.length == 6 && "v1".equals(p[0]);
                if (!v1 && !(p.length == 7 && "v2".equals(p[0]))) {
                    allSigned = false;
                    continue;
                }
                int f = v1 ? 2 : 3;
                Checkpoint c;
                try {
                    c = new Checkpoint(Instant.parse(p[1]), v1 ? null : Long.valueOf(p[2]), Long.parseLong(p[f]),
                            p[f + 1], Long.parseLong(p[f + 2]));
                } catch (RuntimeException e) {
                    allSigned = false;
                    continue;
                }
                if (!java.security.MessageDigest.isEqual(keys.signCheckpoint(c.text()).getBytes(StandardCharsets.UTF_8),
                        p[f + 3].getBytes(StandardCharsets.UTF_8))) {
                    allSigned = false;
                    continue;
                }
                byPosition.remove(c.city() + " " + c.events());
                byPosition.put(c.city() + " " + c.events(), c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint file " + file, e);
        }
        into.addAll(byPosition.values());
        return allSigned;
    }
}
