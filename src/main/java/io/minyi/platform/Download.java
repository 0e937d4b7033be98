package io.minyi.platform;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;

/** A generated file (.docx, .pdf, .xlsx, .zip) sent as an attachment under a Chinese file name (RFC 6266). */
public final class Download {

    private Download() {
    }

    public static ResponseEntity<byte[]> of(byte[] bytes, String fileName, MediaType type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8).build().toString())
                .contentType(type)
                .body(bytes);
    }

    public static ResponseEntity<byte[]> of(byte[] bytes, String fileName, String type) {
        return of(bytes, fileName, MediaType.parseMediaType(type));
    }
}
