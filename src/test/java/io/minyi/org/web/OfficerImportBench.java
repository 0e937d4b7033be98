package io.minyi.org.web;

import io.minyi.platform.fields.Xlsx;
import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long an officer import takes, end to end over HTTP on the embedded PostgreSQL. Not a test (the name keeps it
 * out of {@code mvn verify}); run {@code bench/org/import-officers.sh}. Writes target/bench/import-officers.txt.
 */
@FullStackTest
class OfficerImportBench {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void measure() throws IOException {
        StaffClient admin = new StaffClient(port);
        admin.login("admin");
        admin.get("/admin/officers/import");
        List<String> out = new ArrayList<>();
        out.add(String.format("%-8s %-10s %-12s %-12s %-12s %-10s", "rows", "file KB", "read ms", "job ms",
                "upload→done", "rows/s"));
        int run = 0;
        for (int rows : new int[]{3000, 3000, 3000, 10000}) {
            run++;
            List<List<String>> sheet = new ArrayList<>();
            sheet.add(List.of("警号*", "姓名*", "单位编码*", "职务"));
            for (int i = 0; i < rows; i++) {
                sheet.add(List.of("BENCH" + run + "-" + i, "基准干警" + i, "U-000" + (1 + i % 6) + "-03", "民警"));
            }
            byte[] file = Workbooks.xlsx(sheet);
            long t0 = System.nanoTime();
            Xlsx.read(file);
            long readMs = (System.nanoTime() - t0) / 1_000_000;

            long t1 = System.nanoTime();
            String page = Workbooks.importAndWait(admin, "officers", file);
            long wallMs = (System.nanoTime() - t1) / 1_000_000;
            if (!page.contains("id=\"import-done\"")) {
                throw new AssertionError("bench import failed");
            }
            long jobMs = jdbc.sql("""
                            SELECT (extract(epoch FROM finished_at - created_at) * 1000)::bigint FROM import_job
                            WHERE kind = 'OFFICERS' ORDER BY created_at DESC LIMIT 1""")
                    .query(Long.class).single();
            out.add(String.format("%-8d %-10d %-12d %-12d %-12d %-10d", rows, file.length / 1024, readMs, jobMs, wallMs,
                    rows * 1000L / Math.max(1, wallMs)));
        }
        out.add("read ms: parsing the xlsx in-process; job ms: server-side check + insert (import_job created→finished);");
        out.add("upload→done: upload, redirect and polling every 200 ms until the result page shows, as a browser would.");
        Path file = Path.of("target", "bench", "import-officers.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, out);
    }
}
