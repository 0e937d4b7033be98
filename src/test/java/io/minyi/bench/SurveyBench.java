package io.minyi.bench;

import io.minyi.MinyiApplication;
import io.minyi.org.DemoStaff;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.survey.internal.Campaign;
import io.minyi.survey.internal.Campaigns;
import io.minyi.survey.internal.Invitations;
import io.minyi.survey.internal.Responses;
import io.minyi.survey.internal.SmsInvitations;
import io.minyi.survey.internal.SurveyRecount;
import io.minyi.survey.internal.SurveyResults;
import io.minyi.survey.internal.SurveySummary;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A survey campaign at scale through the real services, in-process: N people of the city's units imported from an
 * .xlsx, their SMS invitations queued (in batches of their own transactions), a share of them answering through
 * their personal links, the results per unit and county, then everybody else answering and the results again at N
 * responses (the target: < 500 ms for 100,000), checked against a recount over the raw answers, and the PDF
 * summary. Prints the time of each phase and the heap (peak while it ran, and after a GC). Run with
 * bench/survey-bench.sh; arguments: [invitations=100000] [answered-first=0.3] [answer-threads=8]. Not part of
 * `mvn verify`; its figures need a quiet machine.
 */
public final class SurveyBench {

    private static final Pattern LINK = Pattern.compile("/public/s/([A-Za-z0-9_-]{20,64})");

    private SurveyBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double share = args.length > 1 ? Double.parseDouble(args[1]) : 0.3;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String dataDir = System.getProperty("bench.data-dir",
                java.nio.file.Files.createTempDirectory("minyi-bench-pg").toString());
        Map.of("server.port", "0", "minyi.embedded-db.data-dir", dataDir,
                "minyi.embedded-db.shared-buffers", System.getProperty("bench.shared-buffers", "512MB"),
                "minyi.demo.load", "auto", "minyi.demo.activity", "none", "db-scheduler.enabled", "false",
                "logging.level.root", "WARN", "minyi.blobs.dir", dataDir + "-blobs").forEach(System::setProperty);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(MinyiApplication.class).run();
        try {
            run(ctx, n, share, threads);
        } finally {
            ctx.close();
        }
    }

    static void run(ConfigurableApplicationContext ctx, int n, double share, int threads) throws Exception {
        System.out.println("load average at start: " + DisputeBench.uptime());
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        DemoStaff staff = ctx.getBean(DemoStaff.class);
        StaffUser supervisor = staff.account("supervisor");
        Campaigns campaigns = ctx.getBean(Campaigns.class);
        Heap heap = new Heap();

        long id = staff.as(supervisor, () -> {
            long c = campaigns.create(supervisor, new Campaigns.CampaignForm("SATISFACTION", "压测满意度测评-" + n,
                    ctx.getBean(OrgDirectory.class).root().id(), LocalDate.now(), LocalDate.now().plusDays(30), 2,
                    List.of()));
            campaigns.addQuestion(supervisor, c, new Campaigns.QuestionForm("SCALE", "您对办理结果是否满意？", null,
                    "SATISFACTION", null));
            return c;
        });
        long question = jdbc.queryForObject("SELECT id FROM survey_question WHERE campaign_id = ?", Long.class, id);
        List<String> units = ctx.getBean(OrgDirectory.class).unitsWithin(ctx.getBean(OrgDirectory.class).root().path())
                .stream().map(u -> u.code()).filter(code -> code != null && !code.isBlank()).limit(28).toList();
        byte[] xlsx = timed("build the .xlsx (test side, not the app)", heap, () -> sheet(n, units));
        System.out.printf("  .xlsx of %,d people: %,d bytes%n", n, xlsx.length);

        Invitations invitations = ctx.getBean(Invitations.class);
        int imported = timed("import " + n + " people", heap, () -> staff.as(supervisor,
                () -> invitations.importPeople(supervisor, id, new ByteArrayInputStream(xlsx))));
        staff.as(supervisor, () -> campaigns.open(supervisor, id));

        SmsInvitations sms = ctx.getBean(SmsInvitations.class);
        int queued = timed("queue the SMS invitations", heap, () -> staff.as(supervisor, () -> sms.send(supervisor, id)));
        System.out.printf("  imported %,d, queued %,d text messages%n", imported, queued);

        List<String> tokens = new ArrayList<>();
        jdbc.query("""
                SELECT n.body FROM survey_invitation i JOIN notification n ON n.dedup_key = 'survey:' || i.id
                WHERE i.campaign_id = ? ORDER BY md5(i.id::text)""", rs -> {
            Matcher m = LINK.matcher(rs.getString(1));
            if (m.find()) {
                tokens.add(m.group(1));
            }
        }, id);
        int first = (int) Math.round(tokens.size() * share);
        Responses responses = ctx.getBean(Responses.class);
        int answered = timed("answer " + first + " links (" + threads + " threads)", heap,
                () -> answer(responses, tokens.subList(0, first), question, threads));
        System.out.printf("  answered %,d%n", answered);

        SurveyResults results = ctx.getBean(SurveyResults.class);
        Campaign c = staff.as(supervisor, () -> campaigns.get(supervisor, id));
        results(results, c);
        // then everybody answers, so that the results are measured at the campaign's full size (the target's
        // "a campaign of 100,000 responses"); the answers go through the same service, tallies and all
        int rest = timed("answer the other " + (tokens.size() - first) + " links (" + threads + " threads)", heap,
                () -> answer(responses, tokens.subList(first, tokens.size()), question, threads));
        System.out.printf("  answered %,d more%n", rest);
        SurveyResults.CampaignResult r = results(results, c);
        long t = System.nanoTime();
        boolean same = SurveyRecount.of(ctx.getBean(JdbcClient.class), id).equals(r);
        System.out.printf("  recount over the raw answers (%.0f ms) equals the results: %s%n", (System.nanoTime() - t) / 1e6, same);
        SurveyResults.CampaignResult result = r;
        byte[] pdf = timed("PDF summary", heap, () -> ctx.getBean(SurveySummary.class).pdf(c, result, "bench",
                java.util.Locale.SIMPLIFIED_CHINESE));
        System.out.printf("  PDF: %,d bytes%n", pdf.length);
        heap.stop();
        System.out.println("load average at end: " + DisputeBench.uptime());
    }

    /** The results per unit and county, best of 5. */
    private static SurveyResults.CampaignResult results(SurveyResults results, Campaign c) {
        SurveyResults.CampaignResult r = null;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            r = results.result(c);
            best = Math.min(best, System.nanoTime() - t);
        }
        System.out.printf("results per unit and county (%,d responses): best of 5 %.1f ms (target < 500 ms at 100,000); "
                        + "response rate %.1f %%, satisfied %.1f %% [%.1f %%, %.1f %%]%n", r.total().responded(),
                best / 1e6, 100 * r.total().responseRate(), 100 * r.total().satisfied().rate(),
                100 * r.total().satisfied().low(), 100 * r.total().satisfied().high());
        return r;
    }

    private static int answer(Responses responses, List<String> tokens, long question, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    Random rnd = new Random(first);
                    int done = 0;
                    for (int k = first; k < tokens.size(); k += threads) {
                        // four in five satisfied, as the seeds' campaigns roughly were
                        String score = String.valueOf(rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : 4 + rnd.nextInt(2));
                        responses.submit(tokens.get(k), Map.of("q" + question, new String[]{score}));
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> f : parts) {
                total += f.get();
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    /** N people spread over the units (the seeds' campaign covered 28), so that results have units and counties. */
    private static byte[] sheet(int n, List<String> units) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(1000); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            SXSSFSheet s = wb.createSheet("名单");
            Row head = s.createRow(0);
            head.createCell(0).setCellValue("姓名");
            head.createCell(1).setCellValue("手机号");
            head.createCell(2).setCellValue("单位编码");
            for (int r = 1; r <= n; r++) {
                Row row = s.createRow(r);
                row.createCell(0).setCellValue("受访者" + r);
                row.createCell(1).setCellValue(String.valueOf(13_000_000_000L + r));
                if (!units.isEmpty()) {
                    row.createCell(2).setCellValue(units.get(r % units.size()));
                }
            }
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T timed(String phase, Heap heap, Supplier<T> work) {
        heap.reset();
        long t = System.nanoTime();
        T result = work.get();
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("%-45s %,8d ms   heap peak %,6d MB, after GC %,6d MB%n", phase, ms, heap.peakMb(),
                heap.afterGcMb());
        return result;
    }

    /** The heap sampled every 20 ms: the peak of a phase, and what stays after a GC. */
    private static final class Heap {
        private final MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;

        Heap() {
            sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void reset() {
            System.gc();
            peak.set(mem.getHeapMemoryUsage().getUsed());
        }

        long peakMb() {
            return peak.get() >> 20;
        }

        long afterGcMb() {
            System.gc();
            return mem.getHeapMemoryUsage().getUsed() >> 20;
        }

        void stop() {
            sampler.interrupt();
        }
    }
}
