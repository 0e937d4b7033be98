package io.minyi.org.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A list's pages and export keep every part of its filter that is set, under the filter's own names. */
class ListFilterLinksTests {

    @Test
    void the_links_carry_the_filter_that_is_set_and_leave_out_the_rest() {
        ListLinks links = new Jurisdictions.Filter(5L, "COUNTY", "城关", null).links("/admin/jurisdictions");
        assertThat(links.page(2)).isEqualTo(
                "/admin/jurisdictions?parent=5&level=COUNTY&q=%E5%9F%8E%E5%85%B3&page=2");
        assertThat(links.export()).isEqualTo("/admin/jurisdictions/export?parent=5&level=COUNTY&q=%E5%9F%8E%E5%85%B3");
    }

    @Test
    void kinds_listed_by_type_and_place_share_one_filter() {
        ListLinks links = new OrgKind.TypeAndPlace("", "POLICE_STATION", 12L, "active").links("/admin/units");
        assertThat(links.page(1)).isEqualTo("/admin/units?type=POLICE_STATION&jurisdiction=12&status=active&page=1");
    }
}
