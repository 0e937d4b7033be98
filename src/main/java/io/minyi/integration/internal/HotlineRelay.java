package io.minyi.integration.internal;

import io.minyi.platform.CityTexts;
import io.minyi.casework.CaseDigests;
import io.minyi.casework.CaseEvents;
import io.minyi.casework.CaseState;
import io.minyi.casework.RaiserContacts;
import io.minyi.casework.TransferTarget;
import io.minyi.notification.Notifications;
import io.minyi.org.OrgDirectory;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Minyi tells the hotline, always through the notification outbox (channel HOTLINE), so a hotline that is down
 * delays nothing here and loses nothing: for its work orders the acceptance (签收), the progress and the result
 * (办结回复); and the livelihood items a dispatcher transferred to it, with their attachments. Listeners run after
 * the case's commit; the dedup key makes a redelivered event write nothing twice.
 */
@Component
@RequiredArgsConstructor
public class HotlineRelay {

    public static final String CHANNEL = "HOTLINE";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Notifications outbox;
    private final CaseDigests digests;
    private final RaiserContacts contacts;
    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private final Clock clock;

    private final CityTexts cityTexts;

    public enum Kind { ACCEPTED, PROGRESS, RESULT }

    void accepted(String orderNo, long caseId, String trackingCode) {
        send(orderNo, caseId, Kind.ACCEPTED, "RECEIVED", cityTexts.of("integration.relay.accepted", trackingCode), null,
                clock.instant());
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseDispatched e) {
        orderOf(e.caseId()).ifPresent(no -> send(no, e.caseId(), Kind.PROGRESS, "DISPATCHED",
                cityTexts.of("integration.relay.dispatched", unitName(e.unitId()), e.deadline()), unitName(e.unitId()),
                        e.at()));
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseReported e) {
        orderOf(e.caseId()).ifPresent(no -> send(no, e.caseId(), Kind.PROGRESS, "REPORTED",
                cityTexts.of("integration.relay.reported"), unitName(e.unitId()), e.at()));
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseReopened e) {
        orderOf(e.caseId()).ifPresent(no -> send(no, e.caseId(), Kind.PROGRESS, "REOPENED",
                cityTexts.of("integration.relay.reopened", e.newDeadline()), unitName(e.unitId()), e.at()));
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseAwaitingFeedback e) {
        orderOf(e.caseId()).ifPresent(no -> digests.byId(e.caseId()).ifPresent(d -> send(no, e.caseId(),
                Kind.RESULT, "CONCLUDED", (d.outcomeLabel() == null ? "" : cityTexts.of("integration.relay.outcome",
                        d.outcomeLabel()))
                        + (d.findings() == null ? "" : d.findings()), d.unitName(), e.at())));
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseRejected e) {
        orderOf(e.caseId()).ifPresent(no -> send(no, e.caseId(), Kind.RESULT, "REJECTED",
                cityTexts.of("integration.relay.rejected", e.reason()), null, e.at()));
    }

    @ApplicationModuleListener
    void on(CaseEvents.CaseConcluded e) {
        if (e.finalState() == CaseState.MERGED) {
            orderOf(e.caseId()).ifPresent(no -> send(no, e.caseId(), Kind.RESULT, CaseState.MERGED.name(),
                    cityTexts.of("integration.relay.merged"), null, e.at()));
        }
    }

    /** A dispatcher transferred a livelihood item to 12345: forward it, with its attachments. */
    @ApplicationModuleListener
    void on(CaseEvents.CaseTransferred e) {
        if (e.target() != TransferTarget.HOTLINE) {
            return;
        }
        Optional<String> order = orderOf(e.caseId());
        if (order.isPresent()) {
            // the hotline's own order handed back to it is answered, not forwarded again
            send(order.get(), e.caseId(), Kind.RESULT, "TRANSFERRED", cityTexts.of("integration.relay.returned",
                    e.reason()), null, e.at());
            return;
        }
        digests.byId(e.caseId()).ifPresent(d -> {
            String forwardNo = "MY-" + d.trackingCode();
            Optional<Long> city = jdbc.sql("INSERT INTO hotline_forward (forward_no, case_id, forwarded_at) "
                            + "VALUES (?,?,?) ON CONFLICT DO NOTHING RETURNING city_id")
                    .params(forwardNo, d.id(), Timestamp.from(e.at())).query(Long.class).optional();
            if (city.isEmpty()) {
                return;
            }
            List<Map<String, Object>> files = new ArrayList<>();
            for (CaseDigests.CaseFile f : digests.files(d.id())) {
                files.add(map("file_name", f.fileName(), "content_type", f.contentType(),
                        "content_base64", Base64.getEncoder().encodeToString(f.content())));
            }
            Map<String, Object> body = map("forward_no", forwardNo, "minyi_id", d.trackingCode(),
                    "content", d.content(), "category", d.category(), "reason", e.reason(),
                    "region_code", org.jurisdiction(d.jurisdictionId()).map(j -> j.code()).orElse(null),
                    "caller_phone", contacts.phoneFor(d.id()).orElse(null),
                    "received_at", d.receivedAt().toString(), "attachments", files,
                    "result_url", "/integration/12345/v1/results");
            outbox.toEndpoint(CHANNEL, "/forwards", cityTexts.of("integration.relay.forwarded", forwardNo),
                    JSON.writeValueAsString(body), "hotline:forward:" + forwardNo, city.get());
        });
    }

    private void send(String orderNo, long caseId, Kind kind, String state, String text, String unit, Instant at) {
        String eventId = orderNo + ":" + kind + ":" + state + ":" + at.toEpochMilli();
        Map<String, Object> body = map("event_id", eventId, "order_no", orderNo, "type", kind.name(),
                "state", state, "text", text, "unit", unit, "at", at.toString());
        // the order's city (decision 0037): its row was written with the case
        long city = jdbc.sql("SELECT city_id FROM hotline_order WHERE order_no = ? AND case_id = ?")
                .params(orderNo, caseId).query(Long.class).single();
        outbox.toEndpoint(CHANNEL, "/orders/" + orderNo + "/events", "12345 " + kind + " " + orderNo,
                JSON.writeValueAsString(body), "hotline:" + eventId, city);
    }

    private Optional<String> orderOf(long caseId) {
        return jdbc.sql("SELECT order_no FROM hotline_order WHERE case_id = ?").param(caseId).query(String.class)
                .optional();
    }

    private String unitName(long unitId) {
        return org.unit(unitId).map(u -> u.name()).orElse("");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
