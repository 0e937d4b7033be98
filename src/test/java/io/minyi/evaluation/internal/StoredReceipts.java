package io.minyi.evaluation.internal;

import io.minyi.platform.TrackingCode;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For tests outside the module: the receipt code of the row stored under a form's key, as the receipt must show it
 * (decision 0062: the code is the row's id under the database's key, or the code a row from before stores).
 */
public final class StoredReceipts {

    private StoredReceipts() {
    }

    /** The receipt code of the row stored under this idempotency key (without dashes). */
    public static String codeOf(ApplicationContext context, String idempotencyKey) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        return jdbc.sql("SELECT id, tracking_code FROM evaluation WHERE idempotency_key = ?::uuid").param(idempotencyKey)
                .query((rs, n) -> rs.getString(2) != null ? rs.getString(2)
                        : context.getBean(ReceiptCodes.class).of(rs.getLong(1)).value())
                .single();
    }

    /** The id of the evaluation a receipt code stands for. */
    public static long idOf(ApplicationContext context, String code) {
        return context.getBean(ReceiptCodes.class).idOf(new TrackingCode(code.replace("-", ""))).orElseThrow();
    }
}
