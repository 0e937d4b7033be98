package io.minyi.web;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the application maps, found at run time (so new modules are covered without touching this test),
 * receives malformed input as an anonymous resident and as one demo account of every role: wrong types in path
 * variables, path traversal, HTML and SQL in every common field, a huge field, invalid UTF-8, JSON garbage and a forged
 * CSRF token. Whatever the answer, it must not be a 5xx.
 */
@FullStackTest
class MalformedInputFullStackTests {

    private static final List<String> BAD_PATH_VALUES = List.of("abc", "-1", "99999999999999999999",
            "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%E4%B8");
    private static final List<String> FIELDS = List.of("name", "content", "code", "q", "page", "size", "id", "unitId",
            "jurisdictionId", "officerId", "parentId", "type", "state", "category", "riskLevel", "deadline", "phone",
            "comment", "overall", "reason", "badgeNo", "position", "username", "password", "from", "to", "outcome",
            "level", "roles", "idempotencyKey", "month", "day");
    private static final Set<String> SKIP = Set.of("/logout", "/login", "/error");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void no_endpoint_answers_malformed_input_with_a_server_error() {
        Map<String, StaffClient> callers = new LinkedHashMap<>();
        callers.put("anonymous", new StaffClient(port));
        // one account per role (a county dispatcher among them), so every role's pages and admin pages are swept
        for (String user : List.of("admin", "leader", "dispatcher2", "supervisor", "unitleader", "handler", "mediator",
                "gridworker", "discipline", "orgdept")) {
            StaffClient c = new StaffClient(port);
            assertThat(c.login(user).statusCode()).isEqualTo(302);
            callers.put(user, c);
        }
        List<String> failures = new ArrayList<>();
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, ?> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (SKIP.contains(pattern)) {
                    continue;
                }
                Set<RequestMethod> toTry = methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods;
                for (RequestMethod method : toTry) {
                    endpoints.add(method + " " + pattern);
                    for (String path : concretePaths(pattern)) {
                        callers.forEach((who, client) -> probe(who, client, method, path, failures));
                    }
                }
            }
        }
        assertThat(endpoints).as("endpoints discovered").hasSizeGreaterThan(3);
        assertThat(failures).as("5xx answers to malformed input on %d endpoints", endpoints.size()).isEmpty();
    }

    private void probe(String who, StaffClient client, RequestMethod method, String path, List<String> failures) {
        List<HttpRequest> requests = new ArrayList<>();
        URI uri = URI.create(client.baseUrl() + path);
        String csrf = client.csrfToken();
        if (method == RequestMethod.GET) {
            requests.add(HttpRequest.newBuilder(URI.create(uri + (path.contains("?") ? "&" : "?") + junkQuery())).GET().build());
        } else {
            String m = method.name();
            requests.add(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .method(m, HttpRequest.BodyPublishers.ofString(junkForm(csrf, false))).build());
            requests.add(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .method(m, HttpRequest.BodyPublishers.ofString(junkForm(csrf, true))).build());
            requests.add(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .method(m, HttpRequest.BodyPublishers.ofByteArray(invalidUtf8Form(csrf))).build());
            requests.add(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", csrf).header("Accept", "application/json")
                    .method(m, HttpRequest.BodyPublishers.ofString("{\"name\": [1, {\"x\": ")).build());
            requests.add(HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=xyz")
                    .method(m, HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/passwd\"\r\n\r\nnot really\r\n--xy")).build());
            requests.add(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                    .method(m, HttpRequest.BodyPublishers.ofString("_csrf=forged&name=x")).build());
        }
        for (HttpRequest request : requests) {
            HttpResponse<String> res = client.send(request);
            if (res.statusCode() >= 500) {
                failures.add(who + " " + request.method() + " " + path + " -> " + res.statusCode());
            }
        }
    }

    private static List<String> concretePaths(String pattern) {
        if (!pattern.contains("{")) {
            return List.of(pattern);
        }
        List<String> paths = new ArrayList<>();
        for (String bad : BAD_PATH_VALUES) {
            paths.add(pattern.replaceAll("\\{\\*?[^}]+}", bad));
        }
        return paths;
    }

    private static String junkQuery() {
        StringBuilder q = new StringBuilder();
        String[] values = {"abc", "-1", "%3Cscript%3E", "%27%3B+DROP+TABLE+officer%3B--", "99999999999999999999", "%E4%B8"};
        for (int i = 0; i < FIELDS.size(); i++) {
            q.append(i == 0 ? "" : "&").append(FIELDS.get(i)).append('=').append(values[i % values.length]);
        }
        return q.toString();
    }

    private static String junkForm(String csrf, boolean huge) {
        StringBuilder body = new StringBuilder("_csrf=").append(csrf);
        String[] values = {"%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%27%3B+DROP+TABLE+officer%3B--", "abc", "-1",
                "99999999999999999999", "2026-13-45"};
        for (int i = 0; i < FIELDS.size(); i++) {
            String v = huge && i % 7 == 0 ? "x".repeat(200_000) : values[i % values.length];
            body.append('&').append(FIELDS.get(i)).append('=').append(v);
        }
        return body.toString();
    }

    private static byte[] invalidUtf8Form(String csrf) {
        byte[] head = ("_csrf=" + csrf + "&name=").getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xE4, (byte) 0xB8};
        byte[] out = new byte[head.length + bad.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(bad, 0, out, head.length, bad.length);
        return out;
    }
}
