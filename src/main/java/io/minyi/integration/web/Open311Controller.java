package io.minyi.integration.web;

import io.minyi.integration.internal.NewRequest;
import io.minyi.integration.internal.Open311Catalogue;
import io.minyi.integration.internal.Open311Catalogue.Attribute;
import io.minyi.integration.internal.Open311Catalogue.Service;
import io.minyi.integration.internal.Open311Clients;
import io.minyi.integration.internal.Open311Clients.Client;
import io.minyi.integration.internal.Open311Desk;
import io.minyi.integration.internal.Open311Problem;
import io.minyi.integration.internal.ServiceRequest;
import io.minyi.integration.web.Open311Output.Format;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.UnitKind;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GeoReport v2 at {@code /open311/v2/} (open311.github.io/GeoReport), in XML and JSON by the path's extension, plus
 * mySociety's service request updates that FixMyStreet uses. Keys are required to post; reads are public (the
 * specification's choice) but a key, when given, must be valid and is then rate-limited and audited.
 */
@RestController
@RequestMapping("/open311/v2")
@RequiredArgsConstructor
class Open311Controller {

    private final Open311Catalogue catalogue;
    private final Open311Desk desk;
    private final Open311Clients clients;
    private final Clock clock;
    private final OrgDirectory org;
    private final MessageSource messages;
    private final Open311PostTimings timings;

    @GetMapping({"/discovery", "/discovery.{fmt}"})
    ResponseEntity<String> discovery(@PathVariable(required = false) String fmt, HttpServletRequest req) {
        Format f = fmt == null ? Format.JSON : format(fmt);
        String base = req.getRequestURL().toString().replaceAll("/discovery(\\.\\w+)?$", "/");
        Map<String, Object> endpoint = map("specification", "http://wiki.open311.org/GeoReport_v2", "url", base,
                "changeset", "2026-11-29T00:00:00+08:00", "type", "production", "formats",
                List.of("text/xml", "application/json"));
        return Open311Output.write(200, f, "discovery", map("changeset", "2026-11-29T00:00:00+08:00",
                "contact", contact(), "key_service", messages.getMessage("integration.open311.keyService", null,
                        LocaleContextHolder.getLocale()),
                "endpoints", List.of(endpoint)));
    }

    /** The city's own governance centre answers for the service (its name as the city registered it). */
    private String contact() {
        JurisdictionRef city = org.root();
        return org.unitsWithin(city.path()).stream()
                .filter(u -> u.is(UnitKind.GOVERNANCE_CENTRE) && u.jurisdictionId() == city.id())
                .map(UnitRef::name).findFirst().orElse(city.name());
    }

    @GetMapping("/services.{fmt}")
    ResponseEntity<String> services(@PathVariable String fmt, @RequestParam MultiValueMap<String, String> params) {
        Format f = format(fmt);
        optionalClient(params).ifPresent(c -> clients.audit(c, "integration.open311_service.list", "open311", "services"));
        List<Object> out = catalogue.active().stream().map(s -> (Object) map("service_code", s.code(),
                "service_name", s.name(), "description", s.description(), "metadata", s.metadata(),
                "type", "realtime", "keywords", s.keywords(), "group", s.group())).toList();
        return Open311Output.write(200, f, "services", out);
    }

    @GetMapping("/services/{file:.+}")
    ResponseEntity<String> service(@PathVariable String file, @RequestParam MultiValueMap<String, String> params) {
        String[] nameAndFormat = split(file);
        Format f = format(nameAndFormat[1]);
        Service s = catalogue.find(nameAndFormat[0]).orElseThrow(Open311Problem::notFound);
        optionalClient(params).ifPresent(c -> clients.audit(c, "integration.open311_service.get", "open311", s.code()));
        List<Object> attributes = s.attributes().stream().map(a -> (Object) attribute(a)).toList();
        return Open311Output.write(200, f, "service_definition", map("service_code", s.code(),
                "attributes", attributes));
    }

    /** Timed in its own meter on either path, the lean one ({@link Open311PostMapping}) or this mapping's. */
    @PostMapping("/requests.{fmt}")
    ResponseEntity<String> post(@PathVariable String fmt, @RequestParam MultiValueMap<String, String> params) {
        long start = System.nanoTime();
        Open311PostTimings.Outcome outcome = Open311PostTimings.Outcome.FAILED;
        try {
            Format f = format(fmt);
            Client c = requiredClient(params);
            Open311Desk.Receipt r = desk.post(c, NewRequest.from(params));
            ResponseEntity<String> created = Open311Output.write(201, f, "service_requests", List.of(map(
                    "service_request_id", r.serviceRequestId(), "token", r.token(), "service_notice", r.serviceNotice(),
                    "account_id", null)));
            outcome = Open311PostTimings.Outcome.CREATED;
            return created;
        } catch (Open311Problem refused) {
            outcome = Open311PostTimings.Outcome.REFUSED;
            throw refused;
        } finally {
            timings.record(outcome, start);
        }
    }

    @GetMapping("/requests.{fmt}")
    ResponseEntity<String> requests(@PathVariable String fmt, @RequestParam MultiValueMap<String, String> params) {
        Format f = format(fmt);
        Optional<Client> c = optionalClient(params);
        Boolean open = null;
        Set<String> statuses = csv(params, "status");
        if (!statuses.isEmpty()) {
            if (!Set.of("open", "closed").containsAll(statuses)) {
                throw Open311Problem.badRequest("integration.open311.invalid", "status");
            }
            open = statuses.size() == 2 ? null : statuses.contains("open");
        }
        int page = number(params, "page", 1, 1, 100_000);
        int size = number(params, "page_size", Open311Desk.MAX_RECORDS, 1, Open311Desk.MAX_RECORDS);
        Set<Long> ids = new LinkedHashSet<>();
        for (String id : csv(params, "service_request_id")) {
            ids.add(Open311Desk.caseIdOf(id)
                    .orElseThrow(() -> Open311Problem.badRequest("integration.open311.invalid", "service_request_id")));
        }
        if (ids.size() > Open311Desk.MAX_RECORDS) {
            throw Open311Problem.badRequest("integration.open311.invalid", "service_request_id");
        }
        List<ServiceRequest> rows = desk.list(new Open311Desk.ListQuery(ids, csv(params, "service_code"),
                date(params, "start_date"), date(params, "end_date"), open, page, size));
        c.ifPresent(x -> clients.audit(x, "integration.open311_request.list", "open311", "requests"));
        return Open311Output.write(200, f, "service_requests", rows.stream().map(this::request).toList());
    }

    @GetMapping("/requests/{file:.+}")
    ResponseEntity<String> request(@PathVariable String file, @RequestParam MultiValueMap<String, String> params) {
        String[] idAndFormat = split(file);
        Format f = format(idAndFormat[1]);
        Optional<Client> c = optionalClient(params);
        ServiceRequest r = desk.one(idAndFormat[0]).orElseThrow(Open311Problem::notFound);
        c.ifPresent(x -> clients.audit(x, "integration.open311_request.get", "open311", r.serviceRequestId()));
        return Open311Output.write(200, f, "service_requests", List.of(request(r)));
    }

    @GetMapping("/tokens/{file:.+}")
    ResponseEntity<String> token(@PathVariable String file, @RequestParam MultiValueMap<String, String> params) {
        String[] tokenAndFormat = split(file);
        Format f = format(tokenAndFormat[1]);
        optionalClient(params);
        String id = desk.requestIdOfToken(tokenAndFormat[0]).orElseThrow(Open311Problem::notFound);
        return Open311Output.write(200, f, "service_requests", List.of(map("service_request_id", id,
                "token", tokenAndFormat[0])));
    }

    @GetMapping("/servicerequestupdates.{fmt}")
    ResponseEntity<String> updates(@PathVariable String fmt, @RequestParam MultiValueMap<String, String> params) {
        Format f = format(fmt);
        Optional<Client> c = optionalClient(params);
        List<Object> out = desk.updates(date(params, "start_date"), date(params, "end_date")).stream()
                .map(u -> (Object) map("update_id", u.updateId(), "service_request_id", u.serviceRequestId(),
                        "status", u.extendedStatus(), "description", u.description(),
                        "updated_datetime", Open311Output.time(u.updatedAt(), clock.getZone()),
                        "media_url", null, "external_status_code", u.externalStatusCode()))
                .toList();
        c.ifPresent(x -> clients.audit(x, "integration.open311_update.list", "open311", "servicerequestupdates"));
        return Open311Output.write(200, f, "service_requests_updates", out);
    }

    @PostMapping("/servicerequestupdates.{fmt}")
    ResponseEntity<String> postUpdate(@PathVariable String fmt, @RequestParam MultiValueMap<String, String> params) {
        Format f = format(fmt);
        Client c = requiredClient(params);
        String id = desk.postUpdate(c, params);
        return Open311Output.write(200, f, "service_request_updates", List.of(map("update_id", id)));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Map<String, Object> request(ServiceRequest r) {
        var z = clock.getZone();
        return map("service_request_id", r.serviceRequestId(), "status", r.status(), "status_notes", r.statusNotes(),
                "service_name", r.serviceName(), "service_code", r.serviceCode(), "description", r.description(),
                "agency_responsible", r.agencyResponsible(), "service_notice", r.serviceNotice(),
                "requested_datetime", Open311Output.time(r.requestedAt(), z),
                "updated_datetime", Open311Output.time(r.updatedAt(), z),
                "expected_datetime", Open311Output.time(r.expectedAt(), z), "address", r.address(),
                "address_id", r.addressId(), "zipcode", null, "lat", r.lat(), "long", r.lon(),
                "media_url", r.mediaUrl());
    }

    private static Map<String, Object> attribute(Attribute a) {
        Map<String, Object> m = map("variable", a.variable(), "code", a.code(), "datatype", a.datatype(),
                "required", a.required(), "datatype_description", a.datatypeDescription(), "order", a.order(),
                "description", a.description());
        if (a.isList()) {
            m.put("values", a.values().entrySet().stream()
                    .map(e -> (Object) map("key", e.getKey(), "name", e.getValue())).toList());
        }
        return m;
    }

    private Client requiredClient(MultiValueMap<String, String> params) {
        String key = params.getFirst("api_key");
        if (key == null || key.isBlank()) {
            throw Open311Problem.badKey();
        }
        return optionalClient(params).orElseThrow(Open311Problem::badKey);
    }

    private Optional<Client> optionalClient(MultiValueMap<String, String> params) {
        String key = params.getFirst("api_key");
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        Client c = clients.authenticate(key).orElseThrow(Open311Problem::badKey);
        if (!clients.allow(c)) {
            throw new Open311Problem(429, "integration.open311.tooMany");
        }
        return Optional.of(c);
    }

    private static Format format(String ext) {
        Format f = Format.of(ext);
        if (f == null) {
            throw Open311Problem.notFound();
        }
        return f;
    }

    /** "ABC.json" → ["ABC", "json"]; no extension is not a GeoReport path. */
    private static String[] split(String file) {
        int dot = file.lastIndexOf('.');
        if (dot <= 0) {
            throw Open311Problem.notFound();
        }
        return new String[]{file.substring(0, dot), file.substring(dot + 1)};
    }

    private static Set<String> csv(MultiValueMap<String, String> params, String name) {
        List<String> v = params.get(name);
        if (v == null) {
            return Set.of();
        }
        return v.stream().flatMap(s -> Arrays.stream(s.split(","))).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Instant date(MultiValueMap<String, String> params, String name) {
        String v = params.getFirst(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw Open311Problem.badRequest("integration.open311.date", name);
        }
    }

    private static int number(MultiValueMap<String, String> params, String name, int dflt, int min, int max) {
        String v = params.getFirst(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw Open311Problem.badRequest("integration.open311.invalid", name);
            }
            return n;
        } catch (NumberFormatException e) {
            throw Open311Problem.badRequest("integration.open311.invalid", name);
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
