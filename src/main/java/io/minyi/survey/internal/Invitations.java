package io.minyi.survey.internal;

import io.minyi.platform.Hmac;
import io.minyi.platform.Phones;
import io.minyi.platform.SecretBox;
import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.casework.RaiserContacts;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.org.SubjectShield;
import io.minyi.platform.CityKey;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.PageResult;
import io.minyi.survey.internal.Invitation.CallOutcome;
import io.minyi.survey.internal.Invitation.Status;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is asked: a sample of raisers of closed cases or an imported list; SMS invitations with a personal one-time
 * link; telephone interviews with outcome codes and a limited number of attempts.
 */
@Service
@Transactional(readOnly = true)
@RequiredArgsConstructor
public class Invitations {

    static final int MAX_IMPORT_ROWS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final SubjectShield shield;
    private final Campaigns campaigns;
    private final Answers answers;
    private final OrgDirectory org;
    private final RaiserContacts raisers;
    private final SecretBox cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final MessageSource messages;
    private final JdbcTemplate batch;

    /**
     * Invites up to {@code limit} raisers of cases closed in [from, to] under the campaign's jurisdiction (and its
     * units, if it names any). The sample is a deterministic pseudo-random order per campaign, so it can be
     * re-drawn and audited; a case already invited is skipped.
     */
    @Transactional
    public int sampleRaisers(StaffUser me, long campaignId, LocalDate from, LocalDate to, Integer limit, String channel) {
        Campaign c = campaigns.get(me, campaignId);
        List<String> problems = new ArrayList<>();
        if (c.status() == Campaign.Status.CLOSED) {
            problems.add("survey.error.closed");
        }
        if (from == null || to == null || to.isBefore(from)) {
            problems.add("survey.error.period");
        }
        if (limit == null || limit < 1 || limit > MAX_IMPORT_ROWS) {
            problems.add("survey.error.limit");
        }
        String ch = channel(channel, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String unitFilter = c.unitIds().isEmpty() ? "" : " AND k.unit_id IN (SELECT unit_id FROM survey_campaign_unit WHERE campaign_id = :cid)";
        int added = jdbc.sql("""
                        INSERT INTO survey_invitation (campaign_id, unit_id, jurisdiction_id, jurisdiction_path, source,
                                                       case_id, channel, invited_at)
                        SELECT :cid, k.unit_id, k.jurisdiction_id, k.jurisdiction_path, 'CASE_RAISER', k.case_id, :ch, :now
                        FROM survey_candidate k
                        WHERE k.jurisdiction_path LIKE :path AND k.closed_on BETWEEN :from AND :to""" + unitFilter + """
                         AND NOT EXISTS (SELECT 1 FROM survey_invitation i WHERE i.campaign_id = :cid AND i.case_id = k.case_id)
                        ORDER BY md5(k.case_id || ':' || :cid) LIMIT :limit""")
                .param("cid", campaignId).param("ch", ch).param("now", Timestamp.from(clock.instant()))
                .param("path", c.jurisdictionPath() + "%").param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .param("limit", limit)
                .update();
        audit.record(AuditEntry.of("survey.campaign.sample_raisers", "survey_campaign", campaignId)
                .withChange(null, from + "~" + to + " limit=" + limit + " channel=" + ch + " added=" + added));
        return added;
    }

    /**
     * Imports people to invite from the first sheet of an .xlsx: 姓名, 手机号, 单位编码 (optional), 渠道 (短信|电话).
     * All or nothing: any bad row refuses the file with the row numbers. The sheet is read as a stream of rows and
     * written 1,000 people a statement as it is read; a refusal (even after thousands) rolls this transaction back.
     */
    @Transactional
    public int importPeople(StaffUser me, long campaignId, InputStream xlsx) {
        Campaign c = campaigns.get(me, campaignId);
        if (c.status() == Campaign.Status.CLOSED) {
            throw new InvalidInputException("survey.error.closed");
        }
        Timestamp now = Timestamp.from(clock.instant());
        int[] added = {0};
        int people = new PeopleSheet(org, messages, c).read(xlsx, MAX_IMPORT_ROWS,
                chunk -> added[0] += insertImported(c, chunk, now));
        audit.record(AuditEntry.of("survey.campaign.import_sample", "survey_campaign", campaignId)
                .withChange(null, "imported=" + people + " added=" + added[0]));
        return added[0];
    }

    /**
     * A phone's key within campaigns: a keyed digest (the encrypted phone is randomised, so not comparable), so that a
     * person is invited once per campaign however often they are on its lists (decision 0075).
     */
    private static String phoneKey(Mac mac, String phone) {
        return HexFormat.of().formatHex(mac.doFinal(("survey-phone\u0001" + phone).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * One statement per chunk of people (their columns as arrays), so the tally counts the chunk once; the city is
     * passed (decision 0037), not looked up row by row.
     */
    private int insertImported(Campaign c, List<PeopleSheet.Person> chunk, Timestamp now) {
        int n = chunk.size();
        Long[] unitIds = new Long[n];
        Long[] jurisdictionIds = new Long[n];
        String[] paths = new String[n];
        Long[] cities = new Long[n];
        String[] names = new String[n];
        String[] phones = new String[n];
        String[] masked = new String[n];
        String[] keys = new String[n];
        String[] channels = new String[n];
        Mac mac = Hmac.sha256(new SecretKeySpec(cipher.keyBytes(), Hmac.ALGORITHM));
        for (int k = 0; k < n; k++) {
            PeopleSheet.Person p = chunk.get(k);
            unitIds[k] = p.unit() == null ? null : p.unit().id();
            jurisdictionIds[k] = p.unit() == null ? c.jurisdictionId() : p.unit().jurisdictionId();
            paths[k] = p.unit() == null ? c.jurisdictionPath() : p.unit().jurisdictionPath();
            cities[k] = CityKey.of(paths[k]);
            names[k] = p.name();
            phones[k] = cipher.encrypt(p.phone());
            masked[k] = Phones.mask(p.phone());
            keys[k] = phoneKey(mac, p.phone());
            channels[k] = p.channel();
        }
        // a person already invited to the campaign (this list twice, or on two lists) is left out, not invited again
        return batch.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO survey_invitation (campaign_id, unit_id, jurisdiction_id, jurisdiction_path, city_id,
                                                   source, person_name, phone_enc, phone_masked, phone_key, channel,
                                                   invited_at)
                    SELECT ?, x.unit_id, x.jurisdiction_id, x.path, x.city_id, 'IMPORTED', x.name, x.phone_enc, x.masked,
                           x.phone_key, x.channel, ?
                    FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[])
                         WITH ORDINALITY AS x(unit_id, jurisdiction_id, path, city_id, name, phone_enc, masked, channel,
                                              phone_key, k)
                    ORDER BY x.k
                    ON CONFLICT (campaign_id, phone_key, city_id) WHERE phone_key IS NOT NULL DO NOTHING""");
            ps.setLong(1, c.id());
            ps.setTimestamp(2, now);
            ps.setArray(3, con.createArrayOf("bigint", unitIds));
            ps.setArray(4, con.createArrayOf("bigint", jurisdictionIds));
            ps.setArray(5, con.createArrayOf("text", paths));
            ps.setArray(6, con.createArrayOf("bigint", cities));
            ps.setArray(7, con.createArrayOf("text", names));
            ps.setArray(8, con.createArrayOf("text", phones));
            ps.setArray(9, con.createArrayOf("text", masked));
            ps.setArray(10, con.createArrayOf("text", channels));
            ps.setArray(11, con.createArrayOf("text", keys));
            return ps;
        });
    }

    /** Creates a personal link for one invitation without sending it (for tests and for handing out on paper). */
    @Transactional
    public String issueLink(StaffUser me, long invitationId) {
        Invitation inv = get(me, invitationId);
        String token = newToken();
        jdbc.sql("UPDATE survey_invitation SET token_hash = ? WHERE id = ?").params(hash(token), inv.id()).update();
        audit.record(AuditEntry.of("survey.invitation.issue_link", "survey_invitation", inv.id()));
        return token;
    }

    @Transactional
    public void exclude(StaffUser me, long invitationId, String reason) {
        Invitation inv = get(me, invitationId);
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty() || r.length() > 200) {
            throw new InvalidInputException("survey.error.reason");
        }
        if (inv.status() != Status.INVITED) {
            throw new InvalidInputException("survey.error.notInvited");
        }
        jdbc.sql("UPDATE survey_invitation SET status = 'EXCLUDED', exclusion_reason = ? WHERE id = ?")
                .params(r, inv.id()).update();
        audit.record(AuditEntry.of("survey.invitation.exclude", "survey_invitation", inv.id()).withChange("INVITED", "EXCLUDED " + r));
    }

    /** The telephone list: invitations by phone still to be reached, fewest attempts first. */
    public PageResult<Invitation> callList(StaffUser me, long campaignId, PageResult.Request page) {
        Campaign c = campaigns.get(me, campaignId);
        SubjectShield.Clause notMine = shield.hides(me, SubjectShield.Kind.CASE, "i.case_id");
        String where = " FROM survey_invitation i LEFT JOIN org_unit u ON u.id = i.unit_id WHERE i.campaign_id = ? AND i.channel = 'PHONE' AND i.status = 'INVITED' AND i.attempts < ? AND "
                + notMine.sql();
        List<Object> args = new ArrayList<>(List.of(campaignId, c.maxAttempts()));
        args.addAll(notMine.args());
        long total = jdbc.sql("SELECT count(*)" + where).params(args).query(Long.class).single();
        args.add(page.size());
        args.add(page.offset());
        List<Invitation> items = jdbc.sql("SELECT i.*, u.name AS uname" + where + " ORDER BY i.attempts, i.id LIMIT ? OFFSET ?")
                .params(args).query((rs, n) -> row(rs)).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    public PageResult<Invitation> list(StaffUser me, long campaignId, String status, PageResult.Request page) {
        campaigns.get(me, campaignId);
        String s = status == null ? "" : status;
        if (!s.isEmpty() && java.util.Arrays.stream(Status.values()).noneMatch(v -> v.name().equals(s))) {
            throw new InvalidInputException("survey.error.status");
        }
        // the raiser of a case about the caller is not theirs to call (decision 0010): a whistle-blower's number
        SubjectShield.Clause notMine = shield.hides(me, SubjectShield.Kind.CASE, "i.case_id");
        String where = " FROM survey_invitation i LEFT JOIN org_unit u ON u.id = i.unit_id WHERE i.campaign_id = ? AND (? = '' OR i.status = ?) AND "
                + notMine.sql();
        List<Object> args = new ArrayList<>(List.of(campaignId, s, s));
        args.addAll(notMine.args());
        long total = jdbc.sql("SELECT count(*)" + where).params(args).query(Long.class).single();
        args.add(page.size());
        args.add(page.offset());
        List<Invitation> items = jdbc.sql("SELECT i.*, u.name AS uname" + where + " ORDER BY i.id LIMIT ? OFFSET ?")
                .params(args).query((rs, n) -> row(rs)).list();
        return new PageResult<>(items, page.page(), page.size(), total);
    }

    /** The caller needs the number in clear; every such view is audited. */
    @Transactional
    public String phoneForCall(StaffUser me, long invitationId) {
        Invitation inv = get(me, invitationId);
        String phone = phoneOf(inv.id(), inv.caseId() == null ? 0 : inv.caseId()).orElse(null);
        audit.record(AuditEntry.of("survey.invitation.view_phone", "survey_invitation", inv.id()));
        return phone;
    }

    /** Records one telephone attempt; COMPLETED stores the answers read out by the interviewer, staff-recorded. */
    @Transactional
    public void recordCall(StaffUser me, long invitationId, String outcome, String note, Map<String, String[]> params) {
        // two callers, or a caller and the resident's own answer by link, at once: the later one reads the result
        jdbc.sql("SELECT id FROM survey_invitation WHERE id = ? FOR UPDATE").param(invitationId).query(Long.class)
                .optional();
        Invitation inv = get(me, invitationId);
        Campaign c = campaigns.get(me, inv.campaignId());
        List<String> problems = new ArrayList<>();
        CallOutcome o = Campaigns.parse(CallOutcome.class, outcome, "survey.error.outcome", problems);
        if (!c.open()) {
            problems.add("survey.error.notOpen");
        }
        if (inv.status() != Status.INVITED || inv.attempts() >= c.maxAttempts()) {
            problems.add("survey.error.notInvited");
        }
        if (note != null && note.length() > 500) {
            problems.add("survey.error.note");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<Answers.Answer> given = o == CallOutcome.COMPLETED
                ? answers.read(c.questions().stream().filter(q -> q.askedFor(inv.unitId())).toList(), params) : List.of();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO survey_call_attempt (invitation_id, outcome, note, called_by, called_at) VALUES (?,?,?,?,?)")
                .params(inv.id(), o.name(), note == null || note.isBlank() ? null : note.strip(), me.getUsername(), now).update();
        int attempts = inv.attempts() + 1;
        String status = switch (o) {
            case COMPLETED -> "RESPONDED";
            case REFUSED -> "REFUSED";
            case NO_ANSWER -> attempts >= c.maxAttempts() ? "UNREACHABLE" : "INVITED";
        };
        jdbc.sql("""
                        UPDATE survey_invitation SET attempts = ?, status = ?, responded_at = ?, recorded_by = ?
                        WHERE id = ?""")
                .params(attempts, status, o == CallOutcome.COMPLETED ? now : null,
                        o == CallOutcome.COMPLETED ? me.getUsername() : null, inv.id())
                .update();
        answers.store(inv.id(), given);
        audit.record(AuditEntry.of("survey.invitation.record_call", "survey_invitation", inv.id())
                .withChange("INVITED attempts=" + inv.attempts(), status + " attempts=" + attempts + " outcome=" + o));
    }

    public Invitation get(StaffUser me, long id) {
        Invitation inv = jdbc.sql("SELECT i.*, u.name AS uname FROM survey_invitation i LEFT JOIN org_unit u ON u.id = i.unit_id WHERE i.id = ?")
                .param(id).query((rs, n) -> row(rs)).optional()
                .orElseThrow(() -> new NotFoundException("survey invitation " + id));
        campaigns.get(me, inv.campaignId());
        if (inv.caseId() != null && shield.isAbout(me, SubjectShield.Kind.CASE, inv.caseId())) {
            throw new NotFoundException("survey invitation " + id);
        }
        return inv;
    }

    public Optional<String> phoneOf(long invitationId, long caseId) {
        if (caseId > 0) {
            return raisers.phoneFor(caseId);
        }
        return jdbc.sql("SELECT phone_enc FROM survey_invitation WHERE id = ?").param(invitationId)
                .query(String.class).optional().map(cipher::decrypt);
    }

    /** The phones of several raisers (case ids) in one look-up; a case without a phone is left out. */
    Map<Long, String> raiserPhones(List<Long> caseIds) {
        return caseIds.isEmpty() ? Map.of() : raisers.phonesFor(caseIds);
    }

    String decryptPhone(String phoneEnc) {
        return cipher.decrypt(phoneEnc);
    }

    static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String channel(String channel, List<String> problems) {
        String ch = channel == null || channel.isBlank() ? "SMS" : channel.strip();
        if (!ch.equals("SMS") && !ch.equals("PHONE")) {
            problems.add("survey.error.channel");
        }
        return ch;
    }

    static Invitation row(ResultSet rs) throws SQLException {
        Timestamp responded = rs.getTimestamp("responded_at");
        Timestamp sms = rs.getTimestamp("sms_sent_at");
        return new Invitation(rs.getLong("id"), rs.getLong("campaign_id"), rs.getObject("unit_id", Long.class),
                rs.getString("uname"), rs.getString("source"), rs.getObject("case_id", Long.class),
                rs.getString("person_name"), rs.getString("phone_masked"), rs.getString("channel"),
                Status.valueOf(rs.getString("status")), rs.getString("exclusion_reason"), rs.getInt("attempts"),
                rs.getTimestamp("invited_at").toInstant(), responded == null ? null : responded.toInstant(),
                sms == null ? null : sms.toInstant());
    }
}
