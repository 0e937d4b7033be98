package io.minyi.integration.internal;

import io.minyi.audit.AuditTrail;
import io.minyi.casework.CaseDigests;
import io.minyi.casework.CaseDigests.CaseDigest;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseState;
import io.minyi.casework.ExternalCaseMoves;
import io.minyi.casework.NewCase;
import io.minyi.casework.SourceChannel;
import io.minyi.integration.internal.Open311Catalogue.Attribute;
import io.minyi.integration.internal.Open311Catalogue.Service;
import io.minyi.integration.internal.Open311Clients.Client;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.platform.CityKey;
import io.minyi.platform.CityLanguage;
import io.minyi.platform.EnumLabels;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GeoReport v2 use cases. A posted request becomes a case through {@link CaseIntake} (channel OPEN311) in the
 * same transaction as its Open311 details; everything shown comes from the loop through {@link CaseDigests}, which
 * never returns a case about an officer, and never a raiser.
 */
@Component
@RequiredArgsConstructor
public class Open311Desk {

    public static final Duration MAX_SPAN = Duration.ofDays(90);
    public static final int MAX_RECORDS = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Open311Catalogue catalogue;
    private final Open311Clients clients;
    private final CaseIntake intake;
    private final CaseDigests digests;
    private final ExternalCaseMoves moves;
    private final OrgDirectory org;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageSource messages;
    private final AuditTrail audit;
    /**
     * The notice of every receipt, per language: the bundles never change while the application runs, and the
     * lookup went through every module's bundle on each POST (decision 0052).
     */
    private final Map<Locale, String> receivedWords = new ConcurrentHashMap<>();

    /** In the cached notice where each receipt's tracking code goes: letters only, so no message format alters it. */
    private static final String CODE = "q7trackingcode7q";

    /**
     * @param serviceRequestId the request's public id: the case's number
     * @param serviceNotice    for the raiser alone: the state words and the tracking code, their key to the tracking page
     */
    public record Receipt(String serviceRequestId, String token, String serviceNotice) {
    }

    /** A request's public id (GeoReport's {@code service_request_id}): the case's number, never its tracking code. */
    static String requestId(long caseId) {
        return Long.toString(caseId);
    }

    /** The case a public request id names, when it is one: digits only, as {@link #requestId} writes it. */
    public static Optional<Long> caseIdOf(String serviceRequestId) {
        if (serviceRequestId == null || serviceRequestId.isEmpty() || serviceRequestId.length() > 18) {
            return Optional.empty();
        }
        for (int i = 0; i < serviceRequestId.length(); i++) {
            if (serviceRequestId.charAt(i) < '0' || serviceRequestId.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Long.parseLong(serviceRequestId));
    }

    /**
     * The case, its Open311 details and its two audit events (the case's receipt and the client's call) in one
     * transaction; the events are written in one statement (decision 0052).
     */
    @Transactional
    public Receipt post(Client client, NewRequest r) {
        return audit.together(() -> accept(client, r));
    }

    private Receipt accept(Client client, NewRequest r) {
        if (r.serviceCode() == null) {
            throw Open311Problem.badRequest("integration.open311.missing", "service_code");
        }
        Service service = catalogue.find(r.serviceCode())
                .orElseThrow(() -> Open311Problem.badRequest("integration.open311.unknownService", r.serviceCode()));
        JurisdictionRef where = jurisdiction(client, r.jurisdictionId());
        Double lat = coordinate(r.lat(), "lat", 90);
        Double lon = coordinate(r.lon(), "long", 180);
        if ((lat == null) != (lon == null)) {
            throw Open311Problem.badRequest("integration.open311.missing", lat == null ? "lat" : "long");
        }
        if (lat == null && r.addressString() == null && r.addressId() == null) {
            throw Open311Problem.badRequest("integration.open311.location");
        }
        if (r.description() != null && r.description().length() > 4000) {
            throw Open311Problem.badRequest("integration.open311.tooLong", "description", 4000);
        }
        text(r.addressString(), "address_string", 500);
        text(r.addressId(), "address_id", 100);
        text(r.deviceId(), "device_id", 200);
        text(r.accountId(), "account_id", 200);
        String media = mediaUrl(r.mediaUrl());
        Map<String, Object> attributes = attributes(service, r.attributes());
        String name = join(r.lastName(), r.firstName());
        // GeoReport v2 has no idempotency key: the same request from the same client on the same day is one request,
        // so a client that sends it again after losing the answer gets the first receipt, not a second case (0075)
        NewCase nc = new NewCase(service.caseType(), SourceChannel.OPEN311, where.id(), null, null, name, r.phone(),
                content(service, r, attributes), service.category(),
                r.sameRequestKey(client.id(), java.time.LocalDate.now(clock)), null);
        CaseIntake.Receipt receipt;
        try {
            receipt = intake.receive(nc);
        } catch (InvalidInputException e) {
            // the raiser's phone or name, as casework checks them
            throw Open311Problem.badRequest(e.problems().getFirst());
        }
        String token = UUID.randomUUID().toString();
        int first = jdbc.sql("""
                        INSERT INTO open311_request (case_id, client_id, service_code, token, lat, lon, address_string,
                            address_id, media_url, device_id, account_id, attributes, requested_at)
                        VALUES (?,?,?,?,?,?,?,?,?,?,?,?::jsonb,?) ON CONFLICT DO NOTHING""")
                .params(receipt.caseId(), client.id(), service.code(), token, lat, lon, r.addressString(),
                        r.addressId(), media, r.deviceId(), r.accountId(), json(attributes),
                        Timestamp.from(clock.instant()))
                .update();
        if (first == 0) {
            // the same request again: the first receipt's token
            token = jdbc.sql("SELECT token FROM open311_request WHERE case_id = ?").param(receipt.caseId())
                    .query(String.class).single();
        }
        // the case's own city, known here: the event needs no look-up of the case to join its chain
        clients.audit(client, "integration.open311_request.post", "case", receipt.caseId(), CityKey.of(where.path()));
        // the tracking code goes to the posting client alone, in the notice it shows its user: the request's public id
        // is the case's number, since the GET requests are open to anyone (decision 0073)
        String notice = receivedWords.computeIfAbsent(LocaleContextHolder.getLocale(), locale ->
                messages.getMessage("integration.open311.notice", new Object[]{
                        messages.getMessage(EnumLabels.key(CaseState.RECEIVED), null, locale), CODE}, locale));
        return new Receipt(requestId(receipt.caseId()), token, notice.replace(CODE, receipt.trackingCode()));
    }

    /** What Jackson writes for the attributes; most services have none, and "{}" needs no serialiser. */
    private static String json(Map<String, Object> attributes) {
        return attributes.isEmpty() ? "{}" : JSON.writeValueAsString(attributes);
    }

    /** GET requests: either by ids, or by service, status and a window of at most 90 days (default the last 90). */
    public List<ServiceRequest> list(ListQuery q) {
        List<Service> services = catalogue.active();
        List<Service> chosen = services;
        if (!q.serviceCodes().isEmpty()) {
            chosen = services.stream().filter(s -> q.serviceCodes().contains(s.code())).toList();
        }
        Instant to = q.end() != null ? q.end() : clock.instant();
        Instant from = q.start() != null ? q.start() : to.minus(MAX_SPAN);
        if (q.start() != null && q.end() == null) {
            to = from.plus(MAX_SPAN);
        }
        if (from.isAfter(to)) {
            throw Open311Problem.badRequest("integration.open311.dateOrder");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw Open311Problem.badRequest("integration.open311.span", 90);
        }
        boolean byIds = !q.ids().isEmpty();
        var query = new CaseDigests.Query(chosen.stream().map(Service::kind).toList(), q.ids(),
                byIds ? null : from, byIds ? null : to, q.open());
        List<CaseDigest> rows = digests.list(query, (q.page() - 1) * q.pageSize(), q.pageSize());
        Map<Long, OpenDetails> details = details(rows.stream().map(CaseDigest::id).toList());
        List<Service> known = catalogue.all();
        return rows.stream().map(d -> view(d, known, details.get(d.id()))).flatMap(Optional::stream).toList();
    }

    public record ListQuery(Set<Long> ids, Set<String> serviceCodes, Instant start, Instant end, Boolean open,
                            int page, int pageSize) {
    }

    public Optional<ServiceRequest> one(String serviceRequestId) {
        return caseIdOf(serviceRequestId).flatMap(digests::byId)
                .filter(d -> !d.aboutOfficer())
                .flatMap(d -> view(d, catalogue.all(), details(List.of(d.id())).get(d.id())));
    }

    public Optional<String> requestIdOfToken(String token) {
        return jdbc.sql("SELECT case_id FROM open311_request WHERE token = ?").param(token).query(Long.class)
                .optional().flatMap(digests::byId).filter(d -> !d.aboutOfficer()).map(d -> requestId(d.id()));
    }

    /** mySociety's GET servicerequestupdates: the public steps of requests that came through Open311. */
    public List<RequestUpdate> updates(Instant start, Instant end) {
        Instant to = end != null ? end : clock.instant();
        Instant from = start != null ? start : to.minus(Duration.ofHours(2));
        if ((start == null) != (end == null)) {
            throw Open311Problem.badRequest("integration.open311.bothDates");
        }
        if (from.isAfter(to)) {
            throw Open311Problem.badRequest("integration.open311.dateOrder");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw Open311Problem.badRequest("integration.open311.span", 90);
        }
        return digests.publicUpdates(SourceChannel.OPEN311, from, to, MAX_RECORDS).stream()
                .map(u -> new RequestUpdate(String.valueOf(u.stepId()), requestId(u.caseId()),
                        ExtendedStatus.baseStatus(u.state()), ExtendedStatus.of(u.state()).name(), u.note(), u.at(),
                        u.state().name()))
                .toList();
    }

    public record RequestUpdate(String updateId, String serviceRequestId, String status, String extendedStatus,
                                String description, Instant updatedAt, String externalStatusCode) {
    }

    /**
     * mySociety's POST servicerequestupdates: a comment from the client reaches the case's ledger (the state moves
     * only in the loop). The same update_id twice records once.
     *
     * @return Minyi's id for the update
     */
    @Transactional
    public String postUpdate(Client client, Map<String, List<String>> params) {
        String requestId = NewRequest.one(params, "service_request_id");
        String updateId = NewRequest.one(params, "update_id");
        String description = NewRequest.one(params, "description");
        String status = NewRequest.one(params, "status");
        for (var f : new String[][]{{requestId, "service_request_id"}, {updateId, "update_id"},
                {description, "description"}}) {
            if (f[0] == null) {
                throw Open311Problem.badRequest("integration.open311.missing", f[1]);
            }
        }
        text(updateId, "update_id", 100);
        if (description.length() > 4000) {
            throw Open311Problem.badRequest("integration.open311.tooLong", "description", 4000);
        }
        // a client comments only on requests it posted itself
        long named = caseIdOf(requestId).orElseThrow(Open311Problem::notFound);
        Long caseId = jdbc.sql("SELECT case_id FROM open311_request WHERE case_id = ? AND client_id = ?")
                .params(named, client.id()).query(Long.class).optional()
                .orElseThrow(Open311Problem::notFound);
        Optional<Long> seen = jdbc.sql("SELECT id FROM open311_client_update WHERE client_id = ? AND update_id = ?")
                .params(client.id(), updateId).query(Long.class).optional();
        if (seen.isPresent()) {
            return String.valueOf(seen.get());
        }
        String name = join(NewRequest.one(params, "last_name"), NewRequest.one(params, "first_name"));
        // the ledger's step is written once for every later reader: in the city's language (decision 0039)
        String comment = name == null ? description : CityLanguage.text(messages, "integration.open311.comment.named",
                name, description);
        moves.comment(caseId, client.actor(), status == null ? comment
                : CityLanguage.text(messages, "integration.open311.comment.withStatus", comment, status));
        long id = jdbc.sql("""
                        INSERT INTO open311_client_update (client_id, update_id, case_id, received_at)
                        VALUES (?,?,?,?) RETURNING id""")
                .params(client.id(), updateId, caseId, Timestamp.from(clock.instant())).query(Long.class).single();
        clients.audit(client, "integration.open311_update.post", "case", caseId);
        return String.valueOf(id);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private record OpenDetails(String serviceCode, Double lat, Double lon, String address, String addressId,
                               String mediaUrl) {
    }

    private Map<Long, OpenDetails> details(List<Long> caseIds) {
        if (caseIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, OpenDetails> out = new HashMap<>();
        jdbc.sql("""
                        SELECT case_id, service_code, lat, lon, address_string, address_id, media_url
                        FROM open311_request WHERE case_id IN (:ids)""")
                .param("ids", caseIds)
                .query(rs -> {
                    double lat = rs.getDouble("lat");
                    boolean noLat = rs.wasNull();
                    double lon = rs.getDouble("lon");
                    out.put(rs.getLong("case_id"), new OpenDetails(rs.getString("service_code"), noLat ? null : lat,
                            noLat ? null : lon, rs.getString("address_string"), rs.getString("address_id"),
                            rs.getString("media_url")));
                });
        return out;
    }

    private Optional<ServiceRequest> view(CaseDigest d, List<Service> services, OpenDetails od) {
        Optional<Service> service = od != null
                ? services.stream().filter(s -> s.code().equals(od.serviceCode())).findFirst()
                : Open311Catalogue.serviceOf(services.stream().filter(Service::active).toList(), d.type(), d.category());
        if (service.isEmpty()) {
            return Optional.empty();
        }
        // what the raiser wrote is public only where they published it themselves, through an Open311 client
        boolean own = d.channel() == SourceChannel.OPEN311;
        Instant expected = d.deadline() == null || !d.state().isOpen() ? null
                : d.deadline().atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone()).toInstant();
        return Optional.of(new ServiceRequest(requestId(d.id()), ExtendedStatus.baseStatus(d.state()),
                ExtendedStatus.of(d.state()).name(), d.publicNote() != null ? d.publicNote() : stateWords(d.state()),
                service.get().name(), service.get().code(), own ? d.content() : null,
                d.unitName() != null ? d.unitName() : service.get().unitName(), null,
                d.receivedAt(), d.updatedAt(), expected,
                od != null && od.address() != null ? od.address() : d.jurisdictionName(),
                od == null ? null : od.addressId(), od == null ? null : od.lat(), od == null ? null : od.lon(),
                od == null ? null : od.mediaUrl()));
    }

    private JurisdictionRef jurisdiction(Client client, String code) {
        JurisdictionRef home = org.jurisdiction(client.jurisdictionId()).orElseThrow();
        if (code == null) {
            return home;
        }
        return org.jurisdictionByCode(code).filter(j -> home.contains(j.path()))
                .orElseThrow(() -> Open311Problem.badRequest("integration.open311.jurisdiction", code));
    }

    private static Double coordinate(String text, String field, double limit) {
        if (text == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(text);
            if (Double.isNaN(v) || Math.abs(v) > limit) {
                throw Open311Problem.badRequest("integration.open311.invalid", field);
            }
            return v;
        } catch (NumberFormatException e) {
            throw Open311Problem.badRequest("integration.open311.invalid", field);
        }
    }

    private static void text(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw Open311Problem.badRequest("integration.open311.tooLong", field, max);
        }
    }

    private static String mediaUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url);
            if (url.length() > 1000 || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw Open311Problem.badRequest("integration.open311.invalid", "media_url");
            }
            return url;
        } catch (java.net.URISyntaxException e) {
            throw Open311Problem.badRequest("integration.open311.invalid", "media_url");
        }
    }

    /** Checks attribute[...] against the service definition; returns code → value (a list for multivaluelist). */
    private static Map<String, Object> attributes(Service service, Map<String, List<String>> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Attribute a : service.attributes()) {
            List<String> v = given.getOrDefault(a.code(), List.of());
            if (v.isEmpty()) {
                if (a.required() && a.variable()) {
                    throw Open311Problem.badRequest("integration.open311.missing", "attribute[" + a.code() + "]");
                }
                continue;
            }
            for (String one : v) {
                if (one.length() > 1000) {
                    throw Open311Problem.badRequest("integration.open311.tooLong", "attribute[" + a.code() + "]", 1000);
                }
                if (a.isList() && !a.values().containsKey(one)) {
                    throw Open311Problem.badRequest("integration.open311.invalid", "attribute[" + a.code() + "]");
                }
                if ("number".equals(a.datatype())) {
                    try {
                        Double.parseDouble(one);
                    } catch (NumberFormatException e) {
                        throw Open311Problem.badRequest("integration.open311.invalid", "attribute[" + a.code() + "]");
                    }
                }
            }
            out.put(a.code(), "multivaluelist".equals(a.datatype()) ? List.copyOf(v) : v.getFirst());
        }
        return out;
    }

    /** Where the case stands in the words a resident reads, in the client's language (default the city's). */
    private String stateWords(CaseState state) {
        return messages.getMessage(EnumLabels.key(state), null, LocaleContextHolder.getLocale());
    }

    /**
     * What the dispatcher reads in the pool: the description, where, and the attributes in words. Stored with the
     * case for every later reader, so in the city's language (decision 0039).
     */
    private String content(Service service, NewRequest r, Map<String, Object> attributes) {
        List<String> parts = new ArrayList<>();
        parts.add(r.description() != null ? r.description() : service.name());
        if (r.addressString() != null) {
            parts.add(CityLanguage.text(messages, "integration.open311.content.address", r.addressString()));
        }
        for (Attribute a : service.attributes()) {
            Object v = attributes.get(a.code());
            if (v != null && a.variable()) {
                String shown = v instanceof List<?> l ? String.join("、", l.stream()
                        .map(x -> a.values().getOrDefault(String.valueOf(x), String.valueOf(x))).toList())
                        : a.values().getOrDefault(String.valueOf(v), String.valueOf(v));
                parts.add(CityLanguage.text(messages, "integration.open311.content.attribute", a.description(), shown));
            }
        }
        String c = String.join("\n", parts);
        return c.length() > 5000 ? c.substring(0, 5000) : c;
    }

    private static String join(String a, String b) {
        String s = ((a == null ? "" : a) + (b == null ? "" : b)).strip();
        return s.isEmpty() ? null : s;
    }
}
