package io.minyi.supervision.internal;

import io.minyi.lists.ListEvents.ListItemReported;
import io.minyi.lists.ListEvents.ListItemScheduled;
import io.minyi.lists.ListEvents.ListItemStruckOff;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.sql.Date;

/**
 * Keeps {@code supervised_list_item} from the lists' events, so the ladder chases list items by the same rules as
 * dispatched cases (decision 0022). Upserts throughout: an event republished after a crash changes nothing, and a
 * struck-off item never comes back to life through a late event.
 */
@Component
@RequiredArgsConstructor
class ListItemProjection {

    private final JdbcClient jdbc;

    /** Issued, or a strike-off request sent back: with the owner again; a new deadline starts a new ladder. */
    @ApplicationModuleListener
    void on(ListItemScheduled e) {
        jdbc.sql("""
                        INSERT INTO supervised_list_item (item_id, kind, title, unit_id, jurisdiction_id, deadline, state)
                        VALUES (?,?,?,?,?,?, 'OPEN')
                        ON CONFLICT (item_id, city_id) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title,
                            unit_id = EXCLUDED.unit_id, jurisdiction_id = EXCLUDED.jurisdiction_id,
                            deadline = EXCLUDED.deadline, state = 'OPEN',
                            overdue_since = CASE WHEN supervised_list_item.deadline = EXCLUDED.deadline
                                                 THEN supervised_list_item.overdue_since END,
                            updated_at = now()
                        WHERE supervised_list_item.state <> 'STRUCK_OFF'""")
                .params(e.itemId(), e.kind().name(), e.title(), e.ownerUnitId(), e.issuingJurisdictionId(),
                        Date.valueOf(e.deadline()))
                .update();
    }

    @ApplicationModuleListener
    void on(ListItemReported e) {
        jdbc.sql("UPDATE supervised_list_item SET state = 'REPORTED', updated_at = now() WHERE item_id = ? AND state = 'OPEN'")
                .param(e.itemId()).update();
    }

    @ApplicationModuleListener
    void on(ListItemStruckOff e) {
        // an item struck off before its issue event arrived still must never be chased
        jdbc.sql("""
                        INSERT INTO supervised_list_item (item_id, kind, title, unit_id, jurisdiction_id, deadline, state)
                        VALUES (?, 'TASK', '', 0, ?, DATE '1970-01-01', 'STRUCK_OFF')
                        ON CONFLICT (item_id, city_id) DO UPDATE SET state = 'STRUCK_OFF', updated_at = now()""")
                .params(e.itemId(), e.issuingJurisdictionId()).update();
    }
}
