package io.minyi.org.web;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** An .xlsx download of a list as filtered on screen. */
final class Exports {

    /** A list larger than this is not a download any more but a job for a report. */
    static final int MAX_ROWS = 100_000;

    private Exports() {
    }

    static ResponseEntity<byte[]> xlsx(String title, Clock clock, List<String> header, List<List<?>> rows) {
        byte[] body = Xlsx.write(title, header, rows, List.of());
        return download(title + "-" + LocalDate.now(clock) + ".xlsx", body);
    }

    /** A cell for an optional value: empty rather than absent, so columns stay aligned. */
    static String text(String value) {
        return value == null ? "" : value;
    }

    static ResponseEntity<byte[]> download(String fileName, byte[] body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(Xlsx.CONTENT_TYPE))
                .body(body);
    }
}
