package io.minyi.evaluation.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartCompliance;
import org.eclipse.jetty.io.Content;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A phone's multipart rating form small enough to be held in memory, parsed from its bytes with Jetty's part parser
 * (decision 0065) instead of the container's: Tomcat's parser (from Commons FileUpload) parses each part's
 * {@code Content-Length}, which browsers never send, and catches the {@code NumberFormatException} — nine exceptions a
 * form, each filling in the request thread's whole stack trace.
 * <p>
 * The answer is the same as the container's, under the same limits: the text fields become the request's parameters
 * in their order (decoded in the request's character encoding, as the container decodes them), every part with a file
 * name — even an empty one, as a form with no photo chosen sends — is a {@link Part}; a part that is not
 * {@code form-data} or has no name is skipped; more parts than the connector's {@code max-part-count}, or a part's
 * headers longer than its {@code max-part-header-size}, is too large; a body that does not parse is malformed.
 */
final class SmallMultipartForm {

    /** What the connector allows a multipart body (Spring Boot's {@code server.tomcat.max-part-*}). */
    record Limits(long maxBytes, int maxParts, int maxPartHeaderBytes) {
    }

    /** The outcome of a parse: the request with its parts, or why there is none. */
    sealed interface Parsed {
    }

    record Form(HttpServletRequest request) implements Parsed {
    }

    record TooLarge() implements Parsed {
    }

    record Malformed(String why) implements Parsed {
    }

    private SmallMultipartForm() {
    }

    /**
     * The multipart boundary of a POST this path can hold in memory (a known length within {@code maxBytes}), or null
     * for every other request, which keeps its body unread for the container.
     */
    static @Nullable String boundaryOfSmall(HttpServletRequest request, Limits limits) {
        String type = request.getContentType();
        long length = request.getContentLengthLong();
        if (!"POST".equals(request.getMethod()) || type == null
                || !type.regionMatches(true, 0, "multipart/form-data", 0, 19)
                || length < 0 || length > limits.maxBytes()) {
            return null;
        }
        String boundary = MultiPart.extractBoundary(type);
        return boundary == null || boundary.isEmpty() ? null : boundary;
    }

    /** Reads the whole body (its length is known and small) and parses it; the body is consumed either way. */
    static Parsed parse(HttpServletRequest request, String boundary, Limits limits) throws IOException {
        int length = (int) request.getContentLengthLong();
        byte[] body = request.getInputStream().readNBytes(length);
        if (body.length < length) {
            return new Malformed("the body ended after " + body.length + " of " + length + " bytes");
        }
        Collector parts = new Collector(limits, charset(request));
        MultiPart.Parser parser = new MultiPart.Parser(boundary, MultiPartCompliance.RFC7578_STRICT, parts);
        // the parser's own limit is a backstop; the connector's, counted by the collector, decides
        parser.setPartHeadersMaxLength(Math.max(limits.maxPartHeaderBytes(), 1) * 4);
        parser.parse(Content.Chunk.from(ByteBuffer.wrap(body), true));
        if (parts.tooLarge) {
            return new TooLarge();
        }
        if (parts.failure != null || !parts.complete) {
            return new Malformed(parts.failure == null ? "no closing boundary" : parts.failure);
        }
        return new Form(new Request(request, parts.parameters(), List.copyOf(parts.parts)));
    }

    private static Charset charset(HttpServletRequest request) {
        String name = request.getCharacterEncoding();
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Gathers the parser's events into parts, counting against the connector's limits. */
    private static final class Collector implements MultiPart.Parser.Listener {
        private final Limits limits;
        private final Charset charset;
        final List<MemoryPart> parts = new ArrayList<>();
        boolean complete;
        boolean tooLarge;
        @Nullable String failure;
        private int begun;
        private int headerBytes;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final ByteArrayOutputStream content = new ByteArrayOutputStream();

        Collector(Limits limits, Charset charset) {
            this.limits = limits;
            this.charset = charset;
        }

        @Override
        public void onPartBegin() {
            begun++;
            if (limits.maxParts() >= 0 && begun > limits.maxParts()) {
                tooLarge = true;
            }
            headers.clear();
            content.reset();
            headerBytes = 2; // the blank line that ends them
        }

        @Override
        public void onPartHeader(String name, String value) {
            headerBytes += name.length() + 2 + value.length() + 2;
            if (limits.maxPartHeaderBytes() >= 0 && headerBytes > limits.maxPartHeaderBytes()) {
                tooLarge = true;
            }
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            // a view of the body's array, not retained for us: releasing it would release the body (and throw at the
            // next part's release, an exception a part again)
            ByteBuffer bytes = chunk.getByteBuffer();
            if (bytes.hasArray()) {
                content.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            } else {
                byte[] copy = new byte[bytes.remaining()];
                bytes.duplicate().get(copy);
                content.writeBytes(copy);
            }
        }

        @Override
        public void onPartEnd() {
            if (tooLarge) {
                return;
            }
            List<String> disposition = headers.get("content-disposition");
            ContentDisposition parsed;
            try {
                parsed = disposition == null ? null : ContentDisposition.parse(disposition.getFirst());
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
            // as the container: a part that is not form-data, or has no name, is no field and no file
            if (parsed == null || !parsed.isFormData() || parsed.getName() == null) {
                return;
            }
            parts.add(new MemoryPart(parsed.getName(), fileName(parsed, disposition.getFirst()), Map.copyOf(headers),
                    content.toByteArray()));
        }

        /** The submitted file name; an empty {@code filename=""} (no photo chosen) still makes a file part. */
        private static @Nullable String fileName(ContentDisposition parsed, String header) {
            String name = parsed.getFilename();
            if (name != null) {
                return name;
            }
            return header.toLowerCase(Locale.ROOT).contains("filename=") ? "" : null;
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable failure) {
            this.failure = String.valueOf(failure.getMessage());
        }

        @Override
        public void onViolation(MultiPartCompliance.Violation violation) {
            // the container refuses what the strict grammar calls a violation (a bare LF, say), so this path does too
            if (failure == null) {
                failure = "violation: " + violation.getName();
            }
        }

        /** The text fields (the parts without a file name) by name, in their order. */
        Map<String, String[]> parameters() {
            Map<String, List<String>> byName = new LinkedHashMap<>();
            for (MemoryPart p : parts) {
                if (p.fileName() == null) {
                    byName.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(new String(p.bytes(), charset));
                }
            }
            Map<String, String[]> map = new LinkedHashMap<>();
            byName.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
            return Collections.unmodifiableMap(map);
        }
    }

    /** The request as the container would present it after parsing its parts. */
    private static final class Request extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;
        private final List<Part> parts;

        Request(HttpServletRequest request, Map<String, String[]> parameters, List<Part> parts) {
            super(request);
            this.parameters = parameters;
            this.parts = parts;
        }

        @Override
        public @Nullable String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public java.util.Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Collection<Part> getParts() {
            return parts;
        }

        @Override
        public @Nullable Part getPart(String name) {
            for (Part p : parts) {
                if (p.getName().equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** A part held in memory (the whole body is below the size at which the container keeps parts on disk). */
    private record MemoryPart(String name, @Nullable String fileName, Map<String, List<String>> headers, byte[] bytes)
            implements Part {

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public @Nullable String getContentType() {
            return getHeader("content-type");
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public @Nullable String getSubmittedFileName() {
            return fileName;
        }

        @Override
        public long getSize() {
            return bytes.length;
        }

        @Override
        public void write(String fileName) throws IOException {
            Files.write(Path.of(fileName), bytes);
        }

        @Override
        public void delete() {
            // nothing on disk
        }

        @Override
        public @Nullable String getHeader(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }

        @Override
        public Collection<String> getHeaders(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? List.of() : values;
        }

        @Override
        public Collection<String> getHeaderNames() {
            return headers.keySet();
        }
    }
}
