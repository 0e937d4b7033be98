package io.minyi.audit;

import io.minyi.support.FullStackTest;
import io.minyi.support.StaffClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17: the audit log reads in plain Chinese, with its filters as choices and pages. */
@FullStackTest
class PlainAuditLogFullStackTests {

    @LocalServerPort int port;
    @Autowired AuditTrail audit;
    @Autowired TransactionTemplate tx;

    @Test
    void actions_kinds_roles_and_people_are_shown_in_words_and_the_filters_are_choices() {
        String probe = "casework.case.fh" + UUID.randomUUID().toString().substring(0, 6);
        tx.executeWithoutResult(s -> audit.recordAs("dispatcher1", "DISPATCHER", AuditEntry.of(probe, "case", 424242)));
        StaffClient admin = new StaffClient(port);
        admin.login("admin");

        HttpResponse<String> all = admin.get("/admin/audit");
        assertThat(all.statusCode()).isEqualTo(200);
        String page = all.body();
        assertThat(page).contains("<select name=\"action\"").contains("<select name=\"recordType\"")
                .contains("<select name=\"actor\"").doesNotContain("<input name=\"action\"")
                .doesNotContain("<input name=\"actor\"");
        assertThat(page).as("an action offered by its label").contains(">登录</option>");

        String logins = admin.get("/admin/audit?action=org.staff_account.login&actor=admin").body();
        assertThat(logins).contains("<td class=\"action-label\" title=\"org.staff_account.login\">登录</td>")
                .contains("系统管理员").doesNotContain("title=\"casework.");

        String probed = admin.get("/admin/audit?action=" + probe).body();
        assertThat(probed).as("an action nobody labelled yet falls back to its module and name")
                .contains(">事项 · " + probe + "</td>")
                .as("the person's name, and the role in words").contains("调度员");
        assertThat(probed).contains("事项 424242");

        HttpResponse<String> second = admin.get("/admin/audit?page=2");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains("id=\"audit-events\"");
    }
}
