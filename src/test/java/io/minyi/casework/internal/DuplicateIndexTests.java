package io.minyi.casework.internal;

import io.minyi.casework.CaseState;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DuplicateIndexTests {

    @Test
    void the_same_problem_told_in_other_words_is_found_within_the_county_and_not_elsewhere() throws Exception {
        try (DuplicateIndex index = new DuplicateIndex()) {
            index.put(1, "桃园小区三号楼门口垃圾堆放多日无人清理，臭气熏天，居民意见很大", "/1/7/93/", CaseState.RECEIVED);
            index.put(2, "邻居装修噪音扰民，晚上十点以后还在施工", "/1/7/94/", CaseState.DISPATCHED);
            index.put(3, "桃园小区三号楼门口垃圾堆放多日无人清理，臭气熏天", "/1/8/95/", CaseState.RECEIVED);
            index.put(4, "桃园小区三号楼门口垃圾堆放多日无人清理", "/1/7/96/", CaseState.CLOSED);
            index.refresh();
            var hits = index.similar("桃园小区三号楼门口的垃圾堆放了很多天没有人清理，臭气熏天", "/1/7/100/", 99, 5);
            assertThat(hits).extracting(DuplicateIndex.Hit::caseId).containsExactly(1L);
            assertThat(index.similar("邻居装修噪音扰民", "/1/7/", 2, 5)).isEmpty();
        }
    }

    /**
     * Issue 11: the search is filtered to the documents of the rarest words. Over thousands of open cases written from
     * a small vocabulary (the hard case: every common word is in thousands of them) and the near-identical texts of
     * the Open311 bench, each search must return exactly the same cases with the same scores as without the filter.
     */
    @Test
    void the_rare_word_filter_changes_no_answer_among_thousands_of_cases_with_the_same_words() throws Exception {
        String[] places = {"桃园小区", "金家村", "柳树湾", "石桥社区", "松林街道", "清河村", "龙泉小区", "凤凰台"};
        String[] where = {"三号楼门口", "村委会旁", "菜市场入口", "小学门口", "路口东侧", "停车场"};
        String[] problems = {"垃圾堆放多日无人清理，臭气熏天", "夜间施工噪音扰民，影响休息", "车辆乱停乱放堵塞消防通道",
                "路灯损坏多日未修，夜间出行不安全", "楼上漏水，物业不予处理", "窨井盖缺失存在安全隐患"};
        String[] tails = {"希望尽快处理", "多次反映无果", "居民意见很大", ""};
        Random rnd = new Random(11);
        java.util.function.Supplier<String> complaint = () -> places[rnd.nextInt(places.length)]
                + (1 + rnd.nextInt(30)) + "号" + where[rnd.nextInt(where.length)] + problems[rnd.nextInt(problems.length)]
                + "，" + tails[rnd.nextInt(tails.length)];
        java.util.function.IntFunction<String> bench = n -> "Open311 压测请求 " + (n % 32) + "-" + (n / 32)
                + "\n地点：压测路" + (n % 32) + "号";
        try (DuplicateIndex index = new DuplicateIndex()) {
            for (int i = 0; i < 6000; i++) {
                String path = i % 3 == 0 ? "/1/" : "/1/" + (7 + i % 2) + "/" + (90 + i % 5) + "/";
                index.put(i, i % 3 == 0 ? bench.apply(i / 3) : complaint.get(), path, CaseState.RECEIVED);
            }
            index.refresh();
            int answers = 0;
            for (int q = 0; q < 150; q++) {
                String text = q % 3 == 0 ? bench.apply(rnd.nextInt(2500)) : complaint.get();
                String path = q % 3 == 0 ? "/1/" : "/1/" + (7 + q % 2) + "/";
                Map<Long, Float> filtered = scores(index.similar(text, path, -1, 10_000, true));
                Map<Long, Float> plain = scores(index.similar(text, path, -1, 10_000, false));
                assertThat(filtered.keySet()).as(text).isEqualTo(plain.keySet());
                plain.forEach((id, score) -> assertThat(filtered.get(id)).isCloseTo(score, within(1e-4f)));
                answers += plain.isEmpty() ? 0 : 1;
            }
            assertThat(answers).as("searches that found something").isGreaterThan(50);
        }
    }

    /** Issue 11, decision 0034: the intake's search takes the oldest matching open cases of its own jurisdiction. */
    @Test
    void the_oldest_similar_cases_of_the_same_jurisdiction_come_first_and_other_places_are_left_out() throws Exception {
        try (DuplicateIndex index = new DuplicateIndex()) {
            String lamp = "槐树湾村三组路口的路灯坏了一个多月，晚上漆黑一片，老人出行摔倒过";
            index.put(40, lamp + "，请尽快修好", "/1/7/93/", CaseState.RECEIVED);
            index.put(7, lamp, "/1/7/94/", CaseState.RECEIVED);
            index.put(12, "邻居装修噪音扰民，晚上十点以后还在施工", "/1/7/93/", CaseState.RECEIVED);
            index.put(25, lamp + "，多次反映无果", "/1/7/93/", CaseState.DISPATCHED);
            index.put(31, lamp, "/1/7/93/", CaseState.CLOSED);
            for (long id = 50; id < 80; id++) {
                index.put(id, lamp + "，居民意见很大", "/1/7/93/", CaseState.RECEIVED);
            }
            index.refresh();
            var hits = index.oldestSimilar("槐树湾村三组路口路灯坏了一个多月没人修，晚上漆黑，老人摔倒了", "/1/7/93/", 99, 3);
            assertThat(hits).extracting(DuplicateIndex.Hit::caseId).containsExactly(25L, 40L, 50L);
            assertThat(index.oldestSimilar(lamp, "/1/7/93/", 25, 2)).extracting(DuplicateIndex.Hit::caseId)
                    .containsExactly(40L, 50L);
        }
    }

    /**
     * Decision 0041: asked after the commit, the search counts only cases received before the case (so the answer is
     * the same whenever it is asked), and a write is searchable once {@code awaitVisible} of its number returned.
     */
    @Test
    void asked_after_the_commit_only_older_cases_count_and_a_write_is_found_once_awaited() throws Exception {
        try (DuplicateIndex index = new DuplicateIndex()) {
            String lamp = "槐树湾村三组路口的路灯坏了一个多月，晚上漆黑一片，老人出行摔倒过";
            index.put(40, lamp + "，请尽快修好", "/1/7/93/", CaseState.RECEIVED);
            index.put(25, lamp + "，多次反映无果", "/1/7/93/", CaseState.DISPATCHED);
            index.put(60, lamp + "，居民意见很大", "/1/7/93/", CaseState.RECEIVED);
            long last = index.put(70, lamp, "/1/7/93/", CaseState.RECEIVED);
            index.awaitVisible(last);
            assertThat(index.oldestSimilarBefore(lamp, "/1/7/93/", 60, 20)).extracting(DuplicateIndex.Hit::caseId)
                    .containsExactly(25L, 40L);
            assertThat(index.oldestSimilarBefore(lamp, "/1/7/93/", 25, 20)).isEmpty();
            assertThat(index.oldestSimilarBefore(lamp, "/1/7/93/", 99, 3)).extracting(DuplicateIndex.Hit::caseId)
                    .containsExactly(25L, 40L, 60L);
            long more = index.put(80, lamp + "，又坏了", "/1/7/93/", CaseState.RECEIVED);
            index.awaitVisible(more);
            assertThat(index.oldestSimilarBefore(lamp, "/1/7/93/", 99, 20)).extracting(DuplicateIndex.Hit::caseId)
                    .containsExactly(25L, 40L, 60L, 70L, 80L);
        }
    }

    /**
     * Issue 11: the matter search visits the segments from the oldest case on and stops when no later segment can hold
     * an older match. Over many segments (a reopen every few dozen intakes, as under load), cases closed and rewritten
     * in later segments, and bounds anywhere in the id range, it must give exactly what Lucene's sorted collector over
     * every segment gives.
     */
    @Test
    void visiting_segments_oldest_first_changes_no_answer_of_the_matter_search() throws Exception {
        java.util.function.IntFunction<String> bench = n -> "Open311 压测请求 " + (n % 32) + "-" + (n / 32)
                + "\n地点：压测路" + (n % 32) + "号";
        String lamp = "槐树湾村三组路口的路灯坏了一个多月，晚上漆黑一片，老人出行摔倒过";
        Random rnd = new Random(41);
        try (DuplicateIndex index = new DuplicateIndex()) {
            for (int i = 1; i <= 4000; i++) {
                String path = "/1/7/" + (90 + rnd.nextInt(3)) + "/";
                index.put(i, i % 4 == 0 ? lamp + "，第" + i + "次反映" : bench.apply(i), path, CaseState.RECEIVED);
                if (i % 7 == 0) {
                    // an older case closed, or told again, after newer ones: its old document is deleted
                    int older = 1 + rnd.nextInt(i);
                    index.put(older, older % 4 == 0 ? lamp : bench.apply(older), "/1/7/90/",
                            rnd.nextBoolean() ? CaseState.CLOSED : CaseState.DISPATCHED);
                }
                if (i % 37 == 0) {
                    index.refresh();
                }
            }
            index.refresh();
            int found = 0;
            for (int q = 0; q < 300; q++) {
                String text = q % 2 == 0 ? bench.apply(rnd.nextInt(4000)) : lamp;
                String path = "/1/7/" + (90 + rnd.nextInt(3)) + "/";
                long below = q % 3 == 0 ? Long.MAX_VALUE : 1 + rnd.nextInt(4200);
                int limit = 1 + rnd.nextInt(25);
                var visited = index.oldestSimilar(text, path, q, below, limit, true);
                var collected = index.oldestSimilar(text, path, q, below, limit, false);
                assertThat(visited).extracting(DuplicateIndex.Hit::caseId).as(text + " below " + below)
                        .containsExactlyElementsOf(collected.stream().map(DuplicateIndex.Hit::caseId).toList());
                found += collected.isEmpty() ? 0 : 1;
            }
            assertThat(found).as("searches that found something").isGreaterThan(150);
        }
    }

    private static Map<Long, Float> scores(List<DuplicateIndex.Hit> hits) {
        Map<Long, Float> out = new HashMap<>();
        hits.forEach(h -> out.put(h.caseId(), h.score()));
        return out;
    }

    @Test
    void the_county_of_a_path_is_its_first_two_levels() {
        assertThat(DuplicateIndex.county("/1/7/93/412/")).isEqualTo("/1/7/");
        assertThat(DuplicateIndex.county("/1/")).isEqualTo("/1/");
    }
}
