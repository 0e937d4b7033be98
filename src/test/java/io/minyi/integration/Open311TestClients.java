package io.minyi.integration;

import io.minyi.integration.internal.Open311Clients;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh Open311 client of the demo city (1,000 calls a minute), made as ADMIN makes one; returns its key. */
final class Open311TestClients {

    private Open311TestClients() {
    }

    static String newKey(JdbcTemplate jdbc, TransactionTemplate tx, Open311Clients clients, String name) {
        long city = jdbc.queryForObject("SELECT id FROM jurisdiction WHERE parent_id IS NULL ORDER BY id LIMIT 1",
                Long.class);
        return tx.execute(s -> clients.create(name, city, 1000, "test")).apiKey();
    }
}
