package io.minyi.lists.internal;

import io.minyi.lists.internal.LeaderWork.FindingForm;
import io.minyi.lists.internal.LeaderWork.ProjectForm;
import io.minyi.lists.internal.LeaderWork.VisitForm;
import io.minyi.lists.internal.WorkLists.ItemForm;
import io.minyi.org.DemoActivity;
import io.minyi.org.DemoDay;
import io.minyi.org.DemoStaff;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Random;

/**
 * Leader-led work and the three lists in the demo city's past: a few key projects with their measures, the leaders'
 * weekly visits (households, suggestions answered and published, now and then a dispute handed into the pool), and
 * list items that units report on and the centre strikes off — all through the module's own services.
 */
@Component
@Order(50)
@RequiredArgsConstructor
class ListsDemo implements DemoActivity {

    private static final String[] PROJECTS = {"平安校园护学工程", "电信网络诈骗防范进万家", "矛盾纠纷源头化解", "“枫桥式”派出所创建",
            "社区矫正对象帮扶"};
    private static final String[] MEASURES = {"建立周调度机制", "每月召开推进会", "开展专项排查", "落实包保责任", "建立问题台账"};
    private static final String[] SUGGESTIONS = {"建议夜间增加巡逻", "建议在村口安装监控", "建议调解室延长开放时间",
            "建议公开办事流程", "建议增加法律咨询进村次数"};
    private static final String[] ANSWERS = {"已安排派出所增加夜间巡逻频次", "已纳入今年技防建设计划", "已调整为工作日延长至晚七点",
            "办事流程已在公示栏和网站公开", "已安排法律顾问每月进村一次"};
    private static final String[] ITEMS = {"窗口服务态度问题整改", "执法记录仪使用不规范整改", "群众反映办事时限长问题整改",
            "矛盾纠纷排查台账完善", "安全隐患点位整治"};

    private final LeaderWork work;
    private final WorkLists lists;
    private final DemoStaff staff;
    private final OrgDirectory org;

    @Override
    public void day(DemoDay day) {
        if (day.level() == DemoDay.Level.NONE) {
            return;
        }
        StaffUser leader = staff.account("leader");
        StaffUser supervisor = staff.account("supervisor");
        Random r = day.random("lists");
        // the centre never strikes off its own items, so it hands them to other units only
        List<UnitRef> units = org.unitsWithin(org.root().path()).stream()
                .filter(u -> u.id() != supervisor.unitId()).toList();
        if (day.index() == 0) {
            int projects = day.level() == DemoDay.Level.FULL ? PROJECTS.length : 3;
            for (int p = 0; p < projects; p++) {
                String title = PROJECTS[p];
                UnitRef unit = units.get(r.nextInt(units.size()));
                day.at(9, 10 + p, () -> staff.as(leader, () -> {
                    long id = work.createProject(leader, new ProjectForm(title, leader.displayName(), unit.id(),
                            day.date(), day.date().plusMonths(6)));
                    for (int m = 0; m < 2 + r.nextInt(3); m++) {
                        work.addMeasure(leader, id, MEASURES[(m + title.length()) % MEASURES.length], null);
                    }
                    return id;
                }));
            }
        }
        if (day.isWorkingDay() && day.date().getDayOfWeek().getValue() == 3) {
            List<JurisdictionRef> counties = org.children(org.root().id());
            JurisdictionRef county = counties.get(r.nextInt(counties.size()));
            int households = 5 + r.nextInt(16);
            day.at(15, 0, () -> staff.as(leader, () -> {
                long visit = work.recordVisit(leader, new VisitForm(leader.displayName(), county.id(), day.date(),
                        county.name() + "走访", households, "入户走访，听取群众意见"));
                int s = r.nextInt(SUGGESTIONS.length);
                long finding = work.addFinding(leader, visit, new FindingForm("SUGGESTION", SUGGESTIONS[s], "治安",
                        null, null, null));
                work.answer(leader, finding, ANSWERS[s], true);
                if (r.nextInt(3) == 0) {
                    work.addFinding(leader, visit, new FindingForm("DISPUTE",
                            "走访中群众反映邻里宅基地边界纠纷（" + county.name() + "）", "矛盾纠纷", null, null, null));
                }
                return visit;
            }));
        }
        if (day.isWorkingDay() && day.date().getDayOfWeek().getValue() == 1) {
            UnitRef owner = units.get(r.nextInt(units.size()));
            String title = ITEMS[r.nextInt(ITEMS.length)];
            boolean done = r.nextInt(3) > 0 && !day.isLast();
            day.at(10, 0, () -> staff.as(supervisor, () -> {
                long id = lists.create(supervisor, new ItemForm("PROBLEM", title + "（" + owner.name() + "）", null,
                        "SURVEY", null, owner.id(), "负责人", day.date().plusDays(14 + r.nextInt(30)), "制定方案\n完成整改"));
                if (done) {
                    StaffUser unitLeader = staff.of(owner.id(), Role.UNIT_LEADER);
                    staff.as(unitLeader, () -> {
                        lists.reportProgress(unitLeader, id, "已制定整改方案并组织学习");
                        lists.requestStrikeOff(unitLeader, id, "整改方案、学习记录、群众回访记录");
                        return id;
                    });
                    lists.decide(supervisor, id, true, null);
                }
                return id;
            }));
        }
    }
}
