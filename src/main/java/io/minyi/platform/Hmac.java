package io.minyi.platform;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/** HMAC-SHA256, which every keyed digest here uses (audit chain, source keys, raiser keys). */
public final class Hmac {

    public static final String ALGORITHM = "HmacSHA256";

    private Hmac() {
    }

    /** A new MAC under the key; a {@link Mac} is not thread-safe, so callers keep one per thread or per use. */
    public static Mac sha256(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            // every Java runtime has HmacSHA256, and any key length is valid for it
            throw new IllegalStateException(e);
        }
    }
}
