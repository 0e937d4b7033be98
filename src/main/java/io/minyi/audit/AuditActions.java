package io.minyi.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one naming scheme of audit actions, {@code <module>.<record>.<verb>} in lower case (decision 0025), and the
 * names rows were written under before it. The chain signs the action as it was written, so an old row keeps its old
 * name for ever; it is shown and found under its current name instead.
 */
public final class AuditActions {

    /** {@code <module>.<record>.<verb>}: three lower-case parts, words inside a part joined by {@code _}. */
    public static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9_]*){2}");

    private static final Map<String, String> FORMER = former();
    private static final Map<String, List<String>> ALIASES = aliases();

    private AuditActions() {
    }

    /** The name an action is shown and searched under: its current name, or the name itself when it never changed. */
    public static String current(String stored) {
        return FORMER.getOrDefault(stored, stored);
    }

    /** Every name a row with this action may have been written under: the current name first, then former ones. */
    public static List<String> storedAs(String name) {
        String now = current(name);
        List<String> all = new ArrayList<>();
        all.add(now);
        all.addAll(ALIASES.getOrDefault(now, List.of()));
        return all;
    }

    /** Whether a name was in use before decision 0025 and must no longer be written. */
    public static boolean isFormer(String name) {
        return FORMER.containsKey(name);
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new HashMap<>();
        FORMER.forEach((old, now) -> m.computeIfAbsent(now, k -> new ArrayList<>()).add(old));
        m.values().forEach(l -> l.sort(null));
        return Map.copyOf(m);
    }

    /** Former name → current name. Only ever grows: removing a line hides old rows from a search by name. */
    private static Map<String, String> former() {
        Map<String, String> m = new HashMap<>();
        // organisation: UPPER_SNAKE names per kind of record
        for (String kind : List.of("JURISDICTION", "UNIT", "OFFICER", "GRID", "STAFF")) {
            String record = kind.equals("STAFF") ? "staff_account" : kind.toLowerCase(Locale.ROOT);
            for (String change : List.of("CREATED", "UPDATED", "ACTIVATED", "DEACTIVATED")) {
                m.put(kind + "_" + change, "org." + record + "." + change.substring(0, change.length() - 1)
                        .toLowerCase(Locale.ROOT));
            }
        }
        m.put("IMPORT_JURISDICTIONS", "org.jurisdiction.import");
        m.put("IMPORT_UNITS", "org.unit.import");
        m.put("IMPORT_OFFICERS", "org.officer.import");
        m.put("IMPORT_GRIDS", "org.grid.import");
        m.put("IMPORT_STAFF", "org.staff_account.import");
        m.put("STAFF_LOGIN", "org.staff_account.login");
        m.put("STAFF_LOCKED", "org.staff_account.lock");
        m.put("STAFF_UNLOCKED", "org.staff_account.unlock");
        m.put("STAFF_PASSWORD_RESET", "org.staff_account.reset_password");
        m.put("GRID_WORKER_ADDED", "org.grid.add_worker");
        m.put("GRID_WORKER_REMOVED", "org.grid.remove_worker");
        m.put("AUDIT_CHAIN_HEAD", "audit.chain.anchor");
        // casework: one action per move of the loop
        for (String move : List.of("receive", "accept", "reject", "triage", "dispatch", "sign", "request_return",
                "redispatch", "report", "report_progress", "pass_down", "unit_approve", "unit_send_back", "approve",
                "send_back", "rate", "close_no_feedback", "follow_up_call", "close_by_follow_up", "merge", "transfer",
                "archive", "confirm_on_site", "comment", "transfer_result", "discipline_handover",
                "discipline_result")) {
            m.put("case." + move, "casework.case." + move);
        }
        m.put("org.unit_kind.CREATED", "org.unit_kind.create");
        m.put("org.unit_kind.UPDATED", "org.unit_kind.update");
        m.put("hotline.settings.update", "integration.hotline_settings.update");
        m.put("hotline.secret.rotate", "integration.hotline_secret.rotate");
        m.put("open311.service.create", "integration.open311_service.create");
        m.put("open311.service.update", "integration.open311_service.update");
        m.put("evaluation.code.reissued", "evaluation.code.reissue");
        m.put("notification.retry", "notification.delivery.retry");
        m.put("report.generate", "reporting.daily_report.generate");
        m.put("report.regenerate", "reporting.daily_report.regenerate");
        m.put("letter.issue", "supervision.letter.issue");
        m.put("letter.acknowledge", "supervision.letter.acknowledge");
        m.put("letter.reply", "supervision.letter.reply");
        m.put("alert.toLetter", "supervision.alert.convert_to_letter");
        m.put("alert.dismiss", "supervision.alert.dismiss");
        m.put("supervision.talk", "supervision.talk.hold");
        m.put("open311.client.create", "integration.open311_client.create");
        m.put("open311.client.revoke", "integration.open311_client.revoke");
        m.put("open311.services.get", "integration.open311_service.list");
        m.put("open311.service.get", "integration.open311_service.get");
        m.put("open311.requests.get", "integration.open311_request.list");
        m.put("open311.request.get", "integration.open311_request.get");
        m.put("open311.updates.get", "integration.open311_update.list");
        m.put("open311.request.post", "integration.open311_request.post");
        m.put("open311.update.post", "integration.open311_update.post");
        m.put("hotline.order.receive", "integration.hotline_order.receive");
        m.put("discipline.transfer.view", "integration.discipline_transfer.view");
        m.put("discipline.decide", "integration.discipline_transfer.decide");
        m.put("orgdept.officer.view", "integration.officer_record.view");
        m.put("orgdept.officer.certificate", "integration.officer_record.print_certificate");
        m.put("survey.rank.record", "survey.external_rank.record");
        m.put("survey.answer", "survey.invitation.answer");
        m.put("survey.sample.raisers", "survey.campaign.sample_raisers");
        m.put("survey.sample.import", "survey.campaign.import_sample");
        m.put("survey.invite.sms", "survey.campaign.send_sms");
        m.put("survey.invite.link", "survey.invitation.issue_link");
        m.put("survey.invite.exclude", "survey.invitation.exclude");
        m.put("survey.invite.phoneViewed", "survey.invitation.view_phone");
        m.put("survey.call.record", "survey.invitation.record_call");
        m.put("dispute.rota", "dispute.rota.assign");
        m.put("dispute.consultation", "dispute.consultation.record");
        m.put("dispute.round", "dispute.screening_round.record");
        m.put("dispute.org.save", "dispute.mediation_org.save");
        m.put("dispute.parties.view", "dispute.dispute.view_parties");
        m.put("dispute.attachment.view", "dispute.dispute.view_attachment");
        m.put("dispute.confirmation.remind", "dispute.dispute.remind_confirmation");
        m.put("dispute.agreement.download", "dispute.dispute.download_agreement");
        m.put("dispute.confirmation.apply", "dispute.dispute.apply_confirmation");
        m.put("dispute.confirmation.rule", "dispute.dispute.record_ruling");
        Map.ofEntries(Map.entry("register", "register"), Map.entry("risk", "assess_risk"),
                Map.entry("stabilise", "stabilise"), Map.entry("unassign", "unassign"), Map.entry("assign", "assign"),
                Map.entry("reassign", "reassign"), Map.entry("conflict", "refuse_conflict"),
                Map.entry("session", "record_session"), Map.entry("outcome", "record_outcome"),
                Map.entry("extend", "extend"), Map.entry("sign", "sign"), Map.entry("followup", "follow_up"),
                Map.entry("reopen", "reopen")).forEach((was, verb) -> m.put("dispute." + was, "dispute.dispute." + verb));
        m.put("leader.project.create", "lists.key_project.create");
        m.put("leader.project.progress", "lists.key_project.report_progress");
        m.put("leader.measure.add", "lists.measure.add");
        m.put("leader.measure.done", "lists.measure.complete");
        m.put("leader.visit.record", "lists.leader_visit.record");
        m.put("leader.finding.add", "lists.finding.add");
        m.put("leader.suggestion.answer", "lists.suggestion.answer");
        m.put("typical.propose", "lists.typical_case.propose");
        m.put("typical.publish", "lists.typical_case.publish");
        m.put("typical.reject", "lists.typical_case.reject");
        m.put("list.milestone.done", "lists.milestone.complete");
        List.of("create", "progress", "strike_off_request", "approved", "sent_back")
                .forEach(verb -> m.put("list.item." + verb, "lists.list_item." + verb));
        return Map.copyOf(m);
    }
}
