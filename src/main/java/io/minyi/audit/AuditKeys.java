package io.minyi.audit;

import io.minyi.platform.Hmac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret that makes the audit chain tamper-evident against someone who can write the database: every link is an
 * HMAC-SHA256 under a key that is not in the database, so a row changed (or the chain recomputed from it) without
 * the key no longer verifies. Checkpoints of the chain head are signed with a second key derived from the same secret.
 * <p>
 * Where the secret comes from, first found wins: {@code minyi.audit.key} (base64, e.g. from the environment
 * {@code MINYI_AUDIT_KEY}), the file {@code minyi.audit.key-file} (created with 32 random bytes, readable by the
 * owner only, when {@code minyi.audit.generate-key} is true and it does not exist yet), or — with neither configured —
 * a random key for this run only (tests, throw-away databases; a warning says so). See docs/operations.md.
 */
@Component
class AuditKeys {

    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

    private final SecretKeySpec chainKey;
    private final SecretKeySpec checkpointKey;
    private final ThreadLocal<Mac> chainMacs;
    private final ThreadLocal<Mac> sealMacs;

    AuditKeys(@Value("${minyi.audit.key:}") String key, @Value("${minyi.audit.key-file:}") String keyFile,
              @Value("${minyi.audit.generate-key:true}") boolean generate) {
        byte[] secret = secret(key, keyFile, generate);
        this.chainKey = new SecretKeySpec(derive(secret, "audit-chain"), "HmacSHA256");
        this.checkpointKey = new SecretKeySpec(derive(secret, "audit-checkpoint"), "HmacSHA256");
        this.chainMacs = ThreadLocal.withInitial(() -> mac(chainKey));
        SecretKeySpec sealKey = new SecretKeySpec(derive(secret, "audit-seal"), "HmacSHA256");
        this.sealMacs = ThreadLocal.withInitial(() -> mac(sealKey));
    }

    /** A fresh MAC for one chain link; the caller feeds it the link's fields. */
    Mac chainMac() {
        Mac mac = chainMacs.get();
        mac.reset();
        return mac;
    }

    /**
     * A fresh MAC for one event's seal, computed by the writer before the event is linked (decision 0033): an event
     * inserted or changed by someone without the key does not carry a valid one, linked or not.
     */
    Mac sealMac() {
        Mac mac = sealMacs.get();
        mac.reset();
        return mac;
    }

    String signCheckpoint(String text) {
        Mac mac = mac(checkpointKey);
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] secret(String key, String keyFile, boolean generate) {
        if (!key.isBlank()) {
            byte[] secret = Base64.getDecoder().decode(key.strip());
            if (secret.length < 32) {
                throw new IllegalStateException("minyi.audit.key must hold at least 32 bytes (base64)");
            }
            return secret;
        }
        if (!keyFile.isBlank()) {
            Path path = Path.of(keyFile);
            try {
                if (Files.notExists(path)) {
                    if (!generate) {
                        throw new IllegalStateException("audit key file " + path.toAbsolutePath() + " does not exist "
                                + "(minyi.audit.generate-key=false): restore it from its backup or create one, see "
                                + "docs/operations.md");
                    }
                    byte[] fresh = new byte[32];
                    new SecureRandom().nextBytes(fresh);
                    Files.createDirectories(path.toAbsolutePath().getParent());
                    Files.writeString(path, Base64.getEncoder().encodeToString(fresh) + "\n");
                    try {
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException e) {
                        log.warn("cannot restrict permissions of {} on this file system", path);
                    }
                    log.warn("created a new audit chain key in {}: back it up apart from the database backups",
                            path.toAbsolutePath());
                }
                return secret(Files.readString(path), "", false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit key file " + path, e);
            }
        }
        log.warn("no minyi.audit.key or minyi.audit.key-file configured: the audit chain uses a key for this run "
                + "only, which proves nothing after a restart. Configure one for any database that matters.");
        byte[] ephemeral = new byte[32];
        new SecureRandom().nextBytes(ephemeral);
        return ephemeral;
    }

    private static byte[] derive(byte[] secret, String purpose) {
        return mac(new SecretKeySpec(secret, "HmacSHA256")).doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(SecretKeySpec key) {
        return Hmac.sha256(key);
    }
}
