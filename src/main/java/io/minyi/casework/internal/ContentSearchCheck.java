package io.minyi.casework.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The pool's text search is served by a trigram index of the cases' content (V10_47, decision 0071). PostgreSQL makes
 * trigrams of Chinese text only when the database's LC_CTYPE classes Chinese characters as letters (C.UTF-8,
 * zh_CN.UTF-8); under LC_CTYPE C it makes none, and every search reads the scope's cases again. Nothing is wrong
 * with the answers then, only with their speed, so a start on such a database says so rather than fails.
 */
@Component
public class ContentSearchCheck {

    private static final Logger log = LoggerFactory.getLogger(ContentSearchCheck.class);

    private final JdbcClient jdbc;

    ContentSearchCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean chineseMakesTrigrams() {
        return jdbc.sql("SELECT cardinality(show_trgm('拖欠工资')) > 0").query(Boolean.class).single();
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        if (!chineseMakesTrigrams()) {
            log.warn("the database's LC_CTYPE does not class Chinese characters as letters, so the pool's text search "
                    + "cannot use its trigram index and reads every case of the scope (docs/operations.md §1)");
        }
    }
}
