package io.minyi.evaluation.internal;

import io.minyi.platform.CityKey;
import io.minyi.platform.Photos;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hands problem clues to the casework pool. The clue is first stored here (PENDING_INTAKE) in the evaluation's
 * transaction; the hand-over runs in a savepoint of that same transaction, so a refusal by casework never loses the
 * evaluation — the clue simply waits, and {@link #retryPending()} tries again later. When casework's intake is not
 * deployed at all, clues wait until it is.
 */
@Component
public class ClueHandover {

    private static final Logger log = LoggerFactory.getLogger(ClueHandover.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<CaseIntake> intake;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ReceiptCodes codes;
    private final Photos photoCleaner;

    ClueHandover(JdbcClient jdbc, ObjectProvider<CaseIntake> intake, PlatformTransactionManager transactions,
                 Clock clock, ReceiptCodes codes, Photos photoCleaner) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.codes = codes;
        this.photoCleaner = photoCleaner;
    }

    /** Within the writer's transaction: stores the clues and their photos, then tries the hand-over. */
    void record(List<Submission> withClue, Map<UUID, SubmissionBatches.Stored> stored) {
        Timestamp now = Timestamp.from(clock.instant());
        for (Submission s : withClue) {
            SubmissionBatches.Stored row = stored.get(s.idempotencyKey());
            long id = row.id();
            long city = CityKey.of(s.target().jurisdictionPath());
            jdbc.sql("INSERT INTO evaluation_clue (evaluation_id, city_id, content, intake_state, created_at) VALUES (?, ?, ?, 'PENDING_INTAKE', ?)")
                    .params(id, city, s.clue(), now).update();
            int seq = 1;
            for (Photos.Photo p : s.photos()) {
                jdbc.sql("INSERT INTO evaluation_photo (evaluation_id, city_id, seq, content_type, width, height, bytes) VALUES (?, ?, ?, 'image/jpeg', ?, ?, ?)")
                        .params(id, city, seq++, p.width(), p.height(), p.jpeg()).update();
            }
            handOver(new PendingClue(id, s.idempotencyKey(), row.trackingCode(), s.target().jurisdictionId(),
                    s.target().unitId(), s.target().officerId(), s.phone(), s.clue(),
                    s.photos()));
        }
    }

    /** Clues still waiting (casework was absent or refused), oldest first; each in its own transaction. */
    public int retryPending() {
        if (intake.getIfAvailable() == null) {
            return 0;
        }
        List<Long> ids = jdbc.sql("SELECT evaluation_id FROM evaluation_clue WHERE intake_state = 'PENDING_INTAKE' ORDER BY created_at LIMIT 200")
                .query(Long.class).list();
        int done = 0;
        for (long id : ids) {
            Boolean ok;
            try {
                ok = tx.execute(status -> jdbc.sql("""
                                SELECT c.evaluation_id, e.idempotency_key, e.tracking_code, u.jurisdiction_id, e.unit_id,
                                       e.officer_id, e.phone, c.content
                                FROM evaluation_clue c JOIN evaluation e ON e.id = c.evaluation_id JOIN org_unit u ON u.id = e.unit_id
                                WHERE c.evaluation_id = ? AND c.intake_state = 'PENDING_INTAKE'
                                FOR UPDATE OF c SKIP LOCKED
                                """).param(id)
                        .query((rs, n) -> new PendingClue(rs.getLong(1), rs.getObject(2, UUID.class),
                                codes.of(rs.getLong(1), rs.getString(3)), rs.getLong(4), rs.getLong(5), (Long) rs.getObject(6), rs.getString(7), rs.getString(8),
                                photosOf(rs.getLong(1))))
                        .optional().map(this::handOver).orElse(false));
            } catch (RuntimeException e) {
                // a photo that cannot be cleaned now (decoding busy): this clue waits for the next round, the rest go on
                log.warn("clue of evaluation {} not handed over yet: {}", id, e.toString());
                continue;
            }
            if (Boolean.TRUE.equals(ok)) {
                done++;
            }
        }
        return done;
    }

    private boolean handOver(PendingClue clue) {
        CaseIntake cases = intake.getIfAvailable();
        if (cases == null) {
            return false;
        }
        try {
            CaseIntake.Receipt receipt = savepoint.execute(status -> cases.receive(new NewCase(CaseType.CLUE,
                    SourceChannel.EVALUATION, clue.jurisdictionId(), clue.unitId(), clue.officerId(), null,
                    clue.phone(), clue.content(), null, "evaluation:" + clue.key(), clue.trackingCode(),
                    null, clue.photos())));
            jdbc.sql("UPDATE evaluation_clue SET intake_state = 'HANDED_OVER', case_id = ?, handed_over_at = ?, attempts = attempts + 1, last_error = NULL WHERE evaluation_id = ?")
                    .params(receipt.caseId(), Timestamp.from(clock.instant()), clue.evaluationId()).update();
            return true;
        } catch (RuntimeException e) {
            log.warn("clue of evaluation {} not handed over yet: {}", clue.evaluationId(), e.toString());
            jdbc.sql("UPDATE evaluation_clue SET attempts = attempts + 1, last_error = ? WHERE evaluation_id = ?")
                    .params(String.valueOf(e.getMessage()), clue.evaluationId()).update();
            return false;
        }
    }

    /**
     * The stored photos of a clue handed over again, cleaned again: a row read back is bytes, not a photo {@link Photos}
     * made (the rare retry pays the decode that the first hand-over is spared).
     */
    private List<Photos.Photo> photosOf(long evaluationId) {
        return jdbc.sql("SELECT bytes FROM evaluation_photo WHERE evaluation_id = ? ORDER BY seq").param(evaluationId)
                .query((rs, n) -> rs.getBytes(1)).list().stream()
                .map(bytes -> photoCleaner.clean(bytes).orElseThrow(
                        () -> new IllegalStateException("a stored photo of evaluation " + evaluationId + " does not decode")))
                .toList();
    }

    record PendingClue(long evaluationId, UUID key, String trackingCode, long jurisdictionId, long unitId,
                       Long officerId, String phone, String content, List<Photos.Photo> photos) {
    }
}
