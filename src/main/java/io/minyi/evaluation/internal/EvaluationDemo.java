package io.minyi.evaluation.internal;

import io.minyi.org.DemoActivity;
import io.minyi.org.DemoDay;
import io.minyi.org.OrgDirectory;
import io.minyi.platform.TimeShift;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Evaluation's part of the demo city's past: residents scanning unit posters and officers' badge cards every day,
 * through {@link SubmitEvaluation} and its group-commit writer, with the seeds' satisfaction (about 98 % satisfied or
 * basically satisfied). Submissions run on a few threads at once, as phones would, so the writer can batch them.
 * Problem clues are casework's part of the demo (they arrive there through the same intake).
 */
@Component
@Order(10)
@RequiredArgsConstructor
class EvaluationDemo implements DemoActivity {

    private final SubmitEvaluation submit;
    private final EvaluationTargets targets;
    private final EvaluationProperties properties;
    private final OrgDirectory org;
    private List<Target> units;
    private List<Target> officers;

    @Override
    public void day(DemoDay day) {
        if (units == null) {
            // Codes are otherwise issued once the application is ready, which is after the demo runs.
            targets.issueMissing();
            units = targets.activeUnitsWithin(org.root().path());
            officers = new ArrayList<>();
            for (Target u : units.subList(0, Math.min(24, units.size()))) {
                officers.addAll(targets.activeOfficersOfUnit(u.unitId()).stream().limit(6).toList());
            }
        }
        Random rnd = day.random("evaluation");
        int base = day.level() == DemoDay.Level.FULL ? 220 : 40;
        int count = day.isWorkingDay() ? base + rnd.nextInt(base) : base / 3 + rnd.nextInt(base / 3 + 1);
        List<Runnable> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean officer = !officers.isEmpty() && rnd.nextInt(100) < 35;
            // A few busy windows draw most scans: the demo's figures are uneven, as a real city's are.
            Target t = officer ? officers.get(skewed(rnd, officers.size())) : units.get(skewed(rnd, units.size()));
            Instant at = day.moment(8, 0).plusSeconds(rnd.nextInt(11 * 3600));
            EvaluationInput input = input(rnd, t.isOfficer());
            String device = "demo-" + Long.toHexString(rnd.nextLong());
            String address = "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
            jobs.add(() -> TimeShift.at(at, () -> submit.submit(t, input, device, address)));
        }
        runTogether(jobs);
    }

    private EvaluationInput input(Random rnd, boolean officer) {
        Rating overall = rating(rnd);
        Map<String, String> ratings = new HashMap<>();
        for (var d : properties.dimensionsFor(officer)) {
            if (rnd.nextInt(100) < 80) {
                ratings.put(d.key(), (rnd.nextInt(100) < 85 ? overall : rating(rnd)).name());
            }
        }
        String comment = rnd.nextInt(100) < 15 ? COMMENTS[rnd.nextInt(COMMENTS.length)] : null;
        return new EvaluationInput(new UUID(rnd.nextLong(), rnd.nextLong()).toString(), overall.name(), ratings,
                comment, null, null, false, List.of());
    }

    private static final String[] COMMENTS = {"办事很快，态度好", "窗口人员耐心解答，点赞", "排队时间有点长", "民警很负责",
            "希望增加周末办理时间", "一次就办好了", "指引标识不清楚"};

    private static Rating rating(Random rnd) {
        int r = rnd.nextInt(1000);
        return r < 880 ? Rating.SATISFIED : r < 985 ? Rating.BASICALLY_SATISFIED : Rating.DISSATISFIED;
    }

    private static int skewed(Random rnd, int size) {
        double x = rnd.nextDouble();
        return Math.min(size - 1, (int) (x * x * size));
    }

    private static void runTogether(List<Runnable> jobs) {
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable job : jobs) {
                futures.add(pool.submit(job));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Demo evaluations failed", e);
        }
    }
}
