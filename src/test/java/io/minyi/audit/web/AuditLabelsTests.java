package io.minyi.audit.web;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLabelsTests {

    private final AuditLabels labels;

    AuditLabelsTests() {
        StaticMessageSource m = new StaticMessageSource();
        m.addMessage("audit.action.case.merge", Locale.getDefault(), "事项：合并");
        m.addMessage("audit.module.case", Locale.getDefault(), "事项");
        m.addMessage("audit.role.DISPATCHER", Locale.getDefault(), "调度员");
        m.addMessage("audit.role.SUPERVISOR", Locale.getDefault(), "督办员");
        labels = new AuditLabels(m);
    }

    @Test
    void a_labelled_action_reads_as_its_label_and_an_unlabelled_one_as_its_module_and_name() {
        assertThat(labels.action("case.merge")).isEqualTo("事项：合并");
        assertThat(labels.action("case.something_new")).isEqualTo("事项 · case.something_new");
        assertThat(labels.action("CASE_SOMETHING")).isEqualTo("事项 · CASE_SOMETHING");
        assertThat(labels.action("nobody.knows")).isEqualTo("nobody.knows");
    }

    @Test
    void roles_read_in_words_and_an_ipv4_client_reads_as_ipv4() {
        assertThat(labels.roles("DISPATCHER,SUPERVISOR")).isEqualTo("调度员、督办员");
        assertThat(labels.roles("")).isEmpty();
        assertThat(labels.address("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(labels.address("0:0:0:0:0:ffff:192.168.0.9")).isEqualTo("192.168.0.9");
        assertThat(labels.address("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(labels.address("2001:db8::1")).isEqualTo("2001:db8::1");
    }
}
