package io.minyi.casework.internal;

import io.minyi.casework.CaseState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void the_county_of_a_path_is_its_first_two_levels() {
        assertThat(DuplicateIndex.county("/1/7/93/412/")).isEqualTo("/1/7/");
        assertThat(DuplicateIndex.county("/1/")).isEqualTo("/1/");
    }
}
