package io.minyi.integration.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.minyi.integration.simulator.HotlineSignature;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What every message from the hotline passes before it is read: the rate limit, the signature, the timestamp inside
 * the replay window, and a signature not seen before (kept for twice the window, then forgotten — an old message is
 * refused by its timestamp anyway).
 */
@Component
public class HotlineGate {

    private final HotlineProperties props;
    private final HotlineSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Bucket bucket;

    HotlineGate(HotlineProperties props, HotlineSettings settings, JdbcClient jdbc, Clock clock) {
        this.props = props;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
        this.bucket = Bucket.builder().addLimit(Bandwidth.builder().capacity(props.inboundPerSecond())
                .refillGreedy(props.inboundPerSecond(), Duration.ofSeconds(1)).build()).build();
    }

    /** Joins the handler's transaction, so a message refused later is not remembered as seen. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void admit(String timestamp, String signature, String body) {
        if (!bucket.tryConsume(1)) {
            throw new HotlineProblem(429, "tooMany");
        }
        Instant now = clock.instant();
        // during a secret rotation's grace period the previous secret still opens the gate (decision 0021)
        if (settings.current().acceptedSecrets(now).stream()
                .noneMatch(secret -> HotlineSignature.verify(secret, timestamp, body, signature))) {
            throw new HotlineProblem(401, "badSignature");
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, now).abs().compareTo(props.replayWindow()) > 0) {
            throw new HotlineProblem(401, "stale");
        }
        jdbc.sql("DELETE FROM hotline_seen_signature WHERE seen_at < ?")
                .param(Timestamp.from(now.minus(props.replayWindow().multipliedBy(2)))).update();
        int fresh = jdbc.sql("INSERT INTO hotline_seen_signature (signature, seen_at) VALUES (?, ?) "
                        + "ON CONFLICT DO NOTHING")
                .params(signature.strip().toLowerCase(), Timestamp.from(now)).update();
        if (fresh == 0) {
            throw new HotlineProblem(409, "replay");
        }
    }
}
