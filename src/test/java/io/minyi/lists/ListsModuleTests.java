package io.minyi.lists;

import io.minyi.lists.ListEvents.ListItemReported;
import io.minyi.lists.ListEvents.ListItemScheduled;
import io.minyi.lists.ListEvents.ListItemStruckOff;
import io.minyi.lists.ListEvents.ListKind;
import io.minyi.lists.internal.WorkLists;
import io.minyi.lists.internal.WorkLists.ItemForm;
import io.minyi.org.DemoStaff;
import io.minyi.org.StaffUser;
import io.minyi.platform.InvalidInputException;
import io.minyi.support.PatientScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lists with the modules they stand on (org's demo city, casework, notification, audit, platform): a list item's
 * commands in, the {@link ListEvents} supervision's ladder hears out. An issued item is scheduled with its owner and
 * deadline; the owner's strike-off request is reported; only the issuing level strikes it off — the owner unit trying
 * is refused and nothing is published, and a send-back schedules the item again.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "platform")
@DirtiesContext
@ExtendWith(PatientScenarios.class)
class ListsModuleTests {

    @Autowired
    WorkLists lists;
    @Autowired
    UserDetailsService accounts;
    @Autowired
    DemoStaff staff;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    private StaffUser user(String username) {
        return (StaffUser) accounts.loadUserByUsername(username);
    }

    private long issue(StaffUser supervisor, StaffUser owner, String title) {
        return staff.as(supervisor, () -> lists.create(supervisor, new ItemForm("TASK", title, null, "MEETING", null,
                owner.unitId(), "所长", LocalDate.now(clock).plusDays(20), "制定方案\n完成整改")));
    }

    private void requestStrikeOff(StaffUser owner, long itemId) {
        staff.as(owner, () -> lists.requestStrikeOff(owner, itemId, "已整改完毕，附照片"));
    }

    @Test
    void an_issued_item_is_scheduled_with_its_owner_and_deadline_and_its_strike_off_request_is_reported(
            Scenario scenario) {
        StaffUser supervisor = user("supervisor");
        StaffUser owner = user("unitleader");
        String title = "整治窗口服务 " + System.nanoTime();

        scenario.stimulate(() -> issue(supervisor, owner, title))
                .andWaitForEventOfType(ListItemScheduled.class)
                .matchingMappedValue(ListItemScheduled::title, title)
                .toArriveAndVerify((event, itemId) -> {
                    assertThat(event.itemId()).isEqualTo(itemId);
                    assertThat(event.kind()).isEqualTo(ListKind.TASK);
                    assertThat(event.ownerUnitId()).isEqualTo(owner.unitId());
                    assertThat(event.issuingJurisdictionId()).isEqualTo(supervisor.jurisdictionId());
                    assertThat(event.deadline()).isEqualTo(LocalDate.now(clock).plusDays(20));
                });

        long itemId = jdbc.sql("SELECT id FROM list_item WHERE title = ?").param(title).query(Long.class).single();
        scenario.stimulate(() -> requestStrikeOff(owner, itemId))
                .andWaitForEventOfType(ListItemReported.class)
                .matchingMappedValue(ListItemReported::itemId, itemId)
                .toArrive();
    }

    @Test
    void only_the_issuing_level_strikes_an_item_off_and_a_send_back_schedules_it_again(Scenario scenario,
                                                                                       AssertablePublishedEvents events) {
        StaffUser supervisor = user("supervisor");
        StaffUser owner = user("unitleader");
        long itemId = issue(supervisor, owner, "排查隐患 " + System.nanoTime());
        requestStrikeOff(owner, itemId);

        assertThatThrownBy(() -> staff.as(owner, () -> lists.decide(owner, itemId, true, "自己销号")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).contains("lists.error.notIssuer"));
        assertThat(events.ofType(ListItemStruckOff.class).matching(ListItemStruckOff::itemId, id -> id == itemId))
                .isEmpty();

        scenario.stimulate(() -> staff.as(supervisor, () -> lists.decide(supervisor, itemId, false, "证据不足")))
                .andWaitForEventOfType(ListItemScheduled.class)
                .matching(e -> e.itemId() == itemId)
                .toArrive();
        assertThat(events.ofType(ListItemScheduled.class).matching(ListItemScheduled::itemId, id -> id == itemId))
                .as("issued, then sent back").hasSize(2);

        requestStrikeOff(owner, itemId);
        scenario.stimulate(() -> staff.as(supervisor, () -> lists.decide(supervisor, itemId, true, null)))
                .andWaitForEventOfType(ListItemStruckOff.class)
                .matchingMappedValue(ListItemStruckOff::itemId, itemId)
                .toArriveAndVerify(e -> assertThat(e.issuingJurisdictionId()).isEqualTo(supervisor.jurisdictionId()));
    }
}
