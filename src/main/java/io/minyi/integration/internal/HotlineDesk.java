package io.minyi.integration.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.ExternalCaseMoves;
import io.minyi.casework.NewCase;
import io.minyi.casework.RaiserContacts;
import io.minyi.casework.SourceChannel;
import io.minyi.notification.Notifications;
import io.minyi.org.OrgDirectory;
import io.minyi.platform.CityTexts;
import io.minyi.platform.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * Messages from the 12345 platform, once {@link HotlineGate} admitted them: a work order becomes a HOTLINE_ORDER case
 * (one per order number, however often it is pushed), and the result of an item Minyi forwarded is recorded on its
 * case and told to the raiser — the loop closes instead of ending at TRANSFERRED.
 */
@Component
public class HotlineDesk {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HotlineGate gate;
    private final CaseIntake intake;
    private final ExternalCaseMoves moves;
    private final OrgDirectory org;
    private final HotlineRelay relay;
    private final RaiserContacts contacts;
    private final Notifications notifications;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String publicBaseUrl;
    private final CityTexts cityTexts;

    HotlineDesk(HotlineGate gate, CaseIntake intake, ExternalCaseMoves moves, OrgDirectory org, HotlineRelay relay,
                RaiserContacts contacts, Notifications notifications, AuditTrail audit, JdbcClient jdbc, Clock clock,
                @org.springframework.beans.factory.annotation.Value(
                        "${minyi.notification.public-base-url:http://localhost:8080}") String publicBaseUrl,
                CityTexts cityTexts) {
        this.cityTexts = cityTexts;
        this.publicBaseUrl = publicBaseUrl;
        this.gate = gate;
        this.intake = intake;
        this.moves = moves;
        this.org = org;
        this.relay = relay;
        this.contacts = contacts;
        this.notifications = notifications;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record OrderReceipt(String orderNo, String trackingCode, boolean created) {
    }

    @Transactional
    public OrderReceipt receiveOrder(String timestamp, String signature, String body) {
        gate.admit(timestamp, signature, body);
        JsonNode o = parse(body);
        String orderNo = text(o, "order_no", 64, true);
        if (!orderNo.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new HotlineProblem(400, "invalid");
        }
        Optional<String> seen = jdbc.sql("""
                        SELECT c.tracking_code FROM hotline_order h JOIN cases c ON c.id = h.case_id
                        WHERE h.order_no = ?""").param(orderNo).query(String.class).optional();
        if (seen.isPresent()) {
            return new OrderReceipt(orderNo, seen.get(), false);
        }
        String content = text(o, "content", 4000, true);
        String title = text(o, "title", 200, false);
        String address = text(o, "address", 500, false);
        String region = text(o, "region_code", 20, false);
        long jurisdiction = region == null ? org.root().id() : org.jurisdictionByCode(region)
                .orElseThrow(() -> new HotlineProblem(400, "region")).id();
        String full = (title == null ? "" : cityTexts.of("integration.hotlineText.title", title)) + content
                + (address == null ? "" : "\n" + cityTexts.of("integration.hotlineText.address", address)) + "\n"
                + cityTexts.of("integration.hotlineText.orderNo", orderNo);
        CaseIntake.Receipt r;
        try {
            r = intake.receive(new NewCase(CaseType.HOTLINE_ORDER, SourceChannel.HOTLINE, jurisdiction, null, null,
                    text(o, "caller_name", 50, false), text(o, "caller_phone", 20, false), full,
                    text(o, "category", 50, false), "12345:" + orderNo, null));
        } catch (InvalidInputException e) {
            throw new HotlineProblem(400, "invalid");
        }
        int inserted = jdbc.sql("INSERT INTO hotline_order (order_no, case_id, received_at) VALUES (?,?,?) "
                        + "ON CONFLICT DO NOTHING")
                .params(orderNo, r.caseId(), Timestamp.from(clock.instant())).update();
        if (inserted == 1) {
            audit.recordAs("12345", "HOTLINE", AuditEntry.of("integration.hotline_order.receive", "case", r.caseId())
                    .withChange(null, orderNo));
            relay.accepted(orderNo, r.caseId(), r.trackingCode());
        }
        return new OrderReceipt(orderNo, r.trackingCode(), inserted == 1);
    }

    /** The result of an item Minyi forwarded; the same result twice records once. */
    @Transactional
    public String receiveResult(String timestamp, String signature, String body) {
        gate.admit(timestamp, signature, body);
        JsonNode o = parse(body);
        String forwardNo = text(o, "forward_no", 64, true);
        String result = text(o, "result", 4000, true);
        String handledBy = text(o, "handled_by", 100, false);
        record Forward(long caseId, String result, long jurisdictionId) {
        }
        Forward f = jdbc.sql("""
                        SELECT f.case_id, f.result, c.jurisdiction_id FROM hotline_forward f JOIN cases c ON c.id = f.case_id
                        WHERE f.forward_no = ? FOR UPDATE OF f""")
                .param(forwardNo).query((rs, i) -> new Forward(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .optional()
                .orElseThrow(() -> new HotlineProblem(404, "unknownForward"));
        if (f.result() != null) {
            return forwardNo;
        }
        String text = (handledBy == null ? "" : cityTexts.of("integration.hotlineText.handledBy", handledBy)) + result;
        moves.recordHotlineResult(f.caseId(), "12345", text);
        jdbc.sql("UPDATE hotline_forward SET result = ?, result_at = ? WHERE forward_no = ?")
                .params(text, Timestamp.from(clock.instant()), forwardNo).update();
        String code = contacts.trackingCodeFor(f.caseId()).orElse("");
        contacts.phoneFor(f.caseId()).ifPresent(phone -> notifications.smsToResident(phone,
                cityTexts.of("integration.hotlineText.resultSms", abbreviate(text, 60), publicBaseUrl, code),
                "hotline-result:" + forwardNo, f.jurisdictionId()));
        return forwardNo;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new HotlineProblem(400, "invalid");
            }
            return n;
        } catch (JacksonException e) {
            throw new HotlineProblem(400, "invalid");
        }
    }

    private static String text(JsonNode o, String field, int max, boolean required) {
        JsonNode v = o.get(field);
        String s = v == null || v.isNull() ? null : v.asString().strip();
        if (s == null || s.isEmpty()) {
            if (required) {
                throw new HotlineProblem(400, "missing");
            }
            return null;
        }
        // a NUL is no text anyone sends, and PostgreSQL refuses it (it surfaced as a 409 "conflict")
        if (s.length() > max || s.indexOf('\0') >= 0) {
            throw new HotlineProblem(400, "invalid");
        }
        return s;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
