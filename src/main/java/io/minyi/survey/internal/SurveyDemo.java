package io.minyi.survey.internal;

import io.minyi.org.DemoActivity;
import io.minyi.org.DemoDay;
import io.minyi.org.DemoStaff;
import io.minyi.org.OrgDirectory;
import io.minyi.org.StaffUser;
import io.minyi.platform.PageResult;
import io.minyi.survey.Indicator;
import io.minyi.survey.internal.Campaigns.CampaignForm;
import io.minyi.survey.internal.Campaigns.QuestionForm;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Surveys in the demo city's past: thirty days before today the centre runs a follow-up satisfaction survey of the
 * raisers of concluded cases and a perception survey, and most of those invited answer by their personal link — so
 * the dashboard's survey rate and county rankings come from answers, through the module's own services.
 */
@Component
@Order(45)
@RequiredArgsConstructor
class SurveyDemo implements DemoActivity {

    private final Campaigns campaigns;
    private final Invitations invitations;
    private final Responses responses;
    private final DemoStaff staff;
    private final OrgDirectory org;

    @Override
    public void day(DemoDay day) {
        boolean surveyDay = day.index() == Math.max(0, day.days() - 30);
        if (day.level() == DemoDay.Level.NONE || !surveyDay) {
            return;
        }
        day.settle(); // the concluded cases must have reached the sample's candidates
        StaffUser supervisor = staff.account("supervisor");
        int limit = day.level() == DemoDay.Level.FULL ? 400 : 120;
        Random r = day.random("survey");
        day.at(9, 0, () -> staff.as(supervisor, () -> {
            run(supervisor, day, "SATISFACTION", "办结事项群众满意度回访（示范）", limit, r);
            run(supervisor, day, "PERCEPTION", "群众安全感测评（示范）", limit, r);
            return null;
        }));
    }

    private void run(StaffUser me, DemoDay day, String kind, String name, int limit, Random r) {
        long id = campaigns.create(me, new CampaignForm(kind, name, org.root().id(), day.date(), day.date().plusDays(20),
                3, List.of()));
        if (kind.equals("SATISFACTION")) {
            campaigns.addQuestion(me, id, new QuestionForm("SCALE", "您对事项的办理结果是否满意？", null,
                    Indicator.SATISFACTION.name(), null));
        } else {
            String[] texts = {"您觉得本地的治安状况安全吗？", "您对政法干警执法办案是否满意？", "您身边的矛盾纠纷是否得到及时化解？",
                    "您对本地扫黑除恶工作成效如何评价？"};
            for (int k = 0; k < Indicator.PERCEPTION.size(); k++) {
                campaigns.addQuestion(me, id, new QuestionForm("SCALE", texts[k], null,
                        Indicator.PERCEPTION.get(k).name(), null));
            }
        }
        campaigns.addQuestion(me, id, new QuestionForm("TEXT", "您还有什么意见建议？", null, null, null));
        campaigns.open(me, id);
        invitations.sampleRaisers(me, id, day.date().minusDays(90), day.date(), limit, "SMS");
        Campaign c = campaigns.get(me, id);
        List<Invitation> invited = new ArrayList<>();
        for (int page = 1; ; page++) {
            var result = invitations.list(me, id, "INVITED", new PageResult.Request(page, PageResult.MAX_SIZE));
            invited.addAll(result.items());
            if (!result.hasNext()) {
                break;
            }
        }
        for (Invitation inv : invited) {
            if (r.nextInt(10) >= 8) {
                continue; // about one in five never answers
            }
            // counties differ a little, so the ranking has something to show
            int bias = inv.unitId() == null ? 0 : (int) (inv.unitId() % 3);
            Map<String, String[]> answers = new HashMap<>();
            for (Campaign.Question q : c.questions()) {
                if (q.indicator() != null) {
                    int score = r.nextInt(20) < 17 - bias ? 4 + r.nextInt(2) : 1 + r.nextInt(3);
                    answers.put("q" + q.id(), new String[]{String.valueOf(score)});
                }
            }
            responses.submit(invitations.issueLink(me, inv.id()), answers);
        }
    }
}
