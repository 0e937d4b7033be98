package io.minyi.evaluation.internal;

import io.minyi.platform.TrackingCode;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * Receipt codes with the database's key ({@link ReceiptCipher}, decision 0062). The key is made by migration V10_42
 * and read once, on first use, by every node alike.
 */
@Component
class ReceiptCodes {

    private final JdbcClient jdbc;
    private volatile ReceiptCipher cipher;

    ReceiptCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The receipt code of the evaluation with this id. */
    TrackingCode of(long id) {
        return cipher().of(id);
    }

    /**
     * The receipt code of a stored row: the code a row from before V10_42 stores (or one a node still on the version
     * before stored), else its id's.
     */
    String of(long id, @Nullable String stored) {
        return stored != null ? stored : of(id).value();
    }

    /** The id a receipt code stands for; empty for a code of another length (a case's, or a receipt from before). */
    OptionalLong idOf(TrackingCode code) {
        return cipher().idOf(code);
    }

    private ReceiptCipher cipher() {
        ReceiptCipher c = cipher;
        if (c == null) {
            c = new ReceiptCipher(jdbc.sql("SELECT secret FROM evaluation_receipt_key WHERE id = 1")
                    .query((rs, n) -> rs.getBytes(1)).single());
            cipher = c;
        }
        return c;
    }
}
