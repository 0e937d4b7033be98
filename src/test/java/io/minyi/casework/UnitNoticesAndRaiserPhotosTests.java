package io.minyi.casework;

import io.minyi.casework.internal.Actor;
import io.minyi.casework.internal.CaseViews;
import io.minyi.casework.internal.CaseWorkflow;
import io.minyi.org.Role;
import io.minyi.platform.Photos;
import io.minyi.platform.NotFoundException;
import io.minyi.supervision.SupervisionTestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A clue about an officer, with a photo, dispatched to the officer's own station: the station is told (inbox, and a
 * text where an account has a phone) but the officer is not; the photo is shown to the centre and never to the unit
 * the clue is about.
 */
@SupervisionTestContext
class UnitNoticesAndRaiserPhotosTests {

    @Autowired CaseIntake intake;
    @Autowired CaseWorkflow workflow;
    @Autowired CaseViews views;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired Photos photos;

    @Test
    void the_unit_is_told_of_a_dispatch_but_never_the_officer_it_is_about_and_the_raisers_photo_stays_from_them()
            throws IOException {
        Map<String, Object> handler = jdbc.sql("SELECT id, unit_id, officer_id, jurisdiction_id FROM staff_account WHERE username = 'handler'")
                .query().singleRow();
        long unit = ((Number) handler.get("unit_id")).longValue();
        long officer = ((Number) handler.get("officer_id")).longValue();
        long handlerAccount = ((Number) handler.get("id")).longValue();
        long leaderAccount = jdbc.sql("SELECT id FROM staff_account WHERE username = 'unitleader'").query(Long.class).single();
        long jurisdiction = jdbc.sql("SELECT jurisdiction_id FROM unit WHERE id = ?").param(unit).query(Long.class).single();

        Photos.Photo photo = photos.clean(jpeg()).orElseThrow();
        long caseId = tx.execute(s -> intake.receive(new NewCase(CaseType.CLUE, SourceChannel.EVALUATION, jurisdiction,
                null, officer, null, "13912345678", "民警态度粗暴 " + System.nanoTime(), null, null, null,
                null, List.of(photo)))).caseId();
        Actor dispatcher = new Actor(Actor.Kind.STAFF, "dispatcher", Set.of(Role.DISPATCHER), null, "综治中心", "/", null);
        workflow.accept(caseId, dispatcher, null);
        workflow.triage(caseId, dispatcher, "执法作风", RiskLevel.MEDIUM, unit, null);
        workflow.dispatch(caseId, dispatcher, unit, null);
        awaitNotifications();

        String link = "/cases/" + caseId;
        assertThat(inbox(leaderAccount, link)).isEqualTo(1);
        assertThat(inbox(handlerAccount, link)).as("the officer the clue is about").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE staff_id = ? AND link = ?")
                .params(handlerAccount, link).query(Integer.class).single()).isZero();

        assertThat(views.detail(caseId, dispatcher).attachments()).singleElement()
                .satisfies(a -> assertThat(a.fromRaiser()).isTrue());
        Actor leader = new Actor(Actor.Kind.STAFF, "unitleader", Set.of(Role.UNIT_LEADER), unit, "派出所", "/", null);
        assertThat(views.detail(caseId, leader).attachments()).as("the unit the clue is about").isEmpty();
        Actor accused = new Actor(Actor.Kind.STAFF, "handler", Set.of(Role.UNIT_HANDLER), unit, "派出所", "/", officer);
        assertThatThrownBy(() -> views.detail(caseId, accused)).isInstanceOf(NotFoundException.class);
    }

    private int inbox(long staffId, String link) {
        return jdbc.sql("SELECT count(*) FROM notification WHERE channel = 'INBOX' AND staff_id = ? AND link = ?")
                .params(staffId, link).query(Integer.class).single();
    }

    private static byte[] jpeg() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }

    private void awaitNotifications() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long open = jdbc.sql("""
                            SELECT count(*) FROM event_publication WHERE completion_date IS NULL
                            AND listener_id LIKE 'io.minyi.notification.%'""")
                    .query(Long.class).single();
            if (open == 0) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("notification listeners did not complete within 30 s");
    }
}
