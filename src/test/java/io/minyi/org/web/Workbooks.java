package io.minyi.org.web;

import io.minyi.support.StaffClient;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spreadsheets as a person would fill them in, and the upload-then-wait that the import page does. */
final class Workbooks {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Workbooks() {
    }

    static byte[] xlsx(List<List<String>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("数据");
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String v = rows.get(r).get(c);
                    if (v != null) {
                        row.createCell(c).setCellValue(v);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where an import job's page is, and that page once the job has finished. */
    record Finished(String path, String page) {
    }

    /** Uploads a file to an import page, follows the redirect and waits until the job has finished. */
    static String importAndWait(StaffClient client, String kind, byte[] file) {
        return importJob(client, kind, file).page();
    }

    static Finished importJob(StaffClient client, String kind, byte[] file) {
        HttpResponse<String> upload = client.postMultipart("/admin/" + kind + "/import",
                java.util.Map.of(), "file", kind + ".xlsx", XLSX, file);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(302);
        String job = upload.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(job).startsWith("/admin/imports/");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> page = client.get(job);
            assertThat(page.statusCode()).isEqualTo(200);
            if (page.body().contains("id=\"import-done\"") || page.body().contains("id=\"import-failed\"")) {
                return new Finished(job, page.body());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import did not finish within 60 s");
    }
}
