package io.minyi.grid;

import io.minyi.support.StaffClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Posts the grid forms as the phone's outbox does: multipart, {@code Accept: application/json}, CSRF header. */
final class GridWorkerClient {

    record Part(String field, String fileName, String contentType, byte[] content) {
    }

    private GridWorkerClient() {
    }

    /** As the outbox does: a fresh token from /grid/csrf before sending (a cached page may hold a stale one). */
    static String freshToken(StaffClient client) {
        String json = client.getJson("/grid/csrf").body();
        var m = java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + json);
        }
        return m.group(1);
    }

    static HttpResponse<String> postJson(StaffClient client, String path, Map<String, String> fields,
                                         List<Part> files) {
        String boundary = "----grid" + UUID.randomUUID();
        var out = new ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        try {
            for (var e : all.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                        + "\"\r\n\r\n" + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Part p : files) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.field()
                        + "\"; filename=\"" + p.fileName() + "\"\r\nContent-Type: " + p.contentType() + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(p.content());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return client.send(HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .header("X-XSRF-TOKEN", freshToken(client))
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
    }
}
