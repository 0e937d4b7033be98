package io.minyi.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for full-stack tests: keeps cookies, does not follow redirects (tests assert them),
 * and sends the CSRF token that the last page rendered, as a real form would.
 */
public final class StaffClient {

    public static final String DEMO_PASSWORD = "Minyi@2026";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"|name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http;
    private String csrf;

    public StaffClient(int port) {
        this(port, null);
    }

    /**
     * A client that connects from the given loopback address (any of 127.0.0.0/8), so that a test can act as a
     * distinct remote address — for per-address limits — without disturbing other tests, which come from 127.0.0.1.
     */
    public StaffClient(int port, String localAddress) {
        this.base = (localAddress == null ? "http://localhost:" : "http://127.0.0.1:") + port;
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        if (localAddress != null) {
            try {
                builder.localAddress(java.net.InetAddress.getByName(localAddress));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        this.http = builder.build();
    }

    /** Signs in with the demo password; returns the response to the login POST (302 to / on success). */
    public HttpResponse<String> login(String username) {
        return login(username, DEMO_PASSWORD);
    }

    public HttpResponse<String> login(String username, String password) {
        get("/login");
        return postForm("/login", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    public HttpResponse<String> getJson(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json").GET().build());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a urlencoded form with the current CSRF token (fetching a page first if none has been seen). */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        ensureCsrf();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", csrf);
        String body = all.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts multipart/form-data: text fields plus one file part. */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField,
                                              String fileName, String contentType, byte[] content) {
        ensureCsrf();
        String boundary = "----minyi" + UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.putIfAbsent("_csrf", csrf);
        try {
            for (var e : all.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                        + "\"\r\n\r\n" + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (fileField != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                        + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher m = CSRF.matcher(res.body());
            if (m.find()) {
                csrf = m.group(1) != null ? m.group(1) : m.group(2);
            }
            return res;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public String csrfToken() {
        ensureCsrf();
        return csrf;
    }

    public String baseUrl() {
        return base;
    }

    private void ensureCsrf() {
        if (csrf == null) {
            get("/login");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
