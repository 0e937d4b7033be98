package io.minyi.casework.internal;

import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.TransferTarget;
import io.minyi.casework.CaseIntake;
import io.minyi.casework.CaseType;
import io.minyi.casework.NewCase;
import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.TransferTarget;
import io.minyi.casework.SourceChannel;
import io.minyi.org.DemoActivity;
import io.minyi.org.DemoDay;
import io.minyi.org.DemoStaff;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.OfficerRef;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitKind;
import io.minyi.platform.RefusedException;
import io.minyi.platform.TimeShift;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Casework's part of the demo city's past: clues, petitions, hotline orders and grid events arrive every day and run
 * the loop through {@link CaseIntake} and {@link CaseWorkflow}, each move by the person whose move it is, at the
 * moment the plan says. Clue fates follow the seeds' proportions (of 524 clues 374 dispatched; of those 300 unfounded,
 * 55 substantiated, 19 still under verification; 18 persons disciplined). Some units are late, so the ladder has
 * letters to write; a few officers draw clues from several residents, and one resident keeps coming back, so the
 * alerts have something to find. A step planned after yesterday never runs: those cases are today's open pool.
 */
@Component
@Order(20)
@RequiredArgsConstructor
class CaseworkDemo implements DemoActivity {

    private static final Logger log = LoggerFactory.getLogger(CaseworkDemo.class);

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱",
            "胡", "郭", "何", "林", "罗", "高"};
    private static final String[] GIVEN = {"秀英", "桂兰", "建国", "志强", "海燕", "丽娟", "国华", "玉兰", "文军", "春梅", "德明",
            "红霞", "永福", "淑珍", "小龙", "晓东", "明辉", "凤英", "金生", "雪梅"};

    private final CaseIntake intake;
    private final CaseWorkflow workflow;
    private final OrgDirectory org;
    private final DemoStaff staff;

    private final PriorityQueue<Step> pending = new PriorityQueue<>(Comparator.comparing(Step::at)
            .thenComparingLong(Step::seq));
    private long seq;
    private City city;

    /** The handful of units and officers the demo's cases are about and go to. */
    private record City(List<UnitRef> responsible, UnitRef demoStation, List<OfficerRef> hotOfficers,
                        StaffUser cityDispatcher, String persistentPhone, UnitRef persistentSubject) {
    }

    private enum Stage { ACCEPT, TRIAGE, DISPATCH, SIGN, INTERIM, REPORT, UNIT_APPROVE, APPROVE, RATE, CLOSE_UNRATED }

    private enum Fate { REJECT, MERGE, TRANSFER_DISCIPLINE, TRANSFER_HOTLINE, HANDLE }

    /** What will happen to one case, drawn when it arrives. */
    private record Plan(long caseId, String trackingCode, Instant arrived, CaseType type, UnitRef unit, Fate fate,
                        Outcome outcome,
                        int disciplined, boolean late, boolean stalls, boolean sentBack, Satisfaction verdict,
                        String category, RiskLevel risk) {
    }

    private record Step(Instant at, long seq, Plan plan, Stage stage, int round) {
    }

    @Override
    public void day(DemoDay day) {
        if (city == null) {
            city = cityFor(day);
        }
        Random rnd = day.random("casework");
        int base = day.level() == DemoDay.Level.FULL ? 9 : 3;
        int arrivals = day.isWorkingDay() ? base + rnd.nextInt(base) : rnd.nextInt(base);
        List<Plan> newcomers = new ArrayList<>();
        for (int i = 0; i < arrivals; i++) {
            Plan p = arrive(day, rnd, newcomers);
            if (p != null) {
                newcomers.add(p);
                schedule(p, Stage.ACCEPT, p.arrived().plusSeconds(1800 + rnd.nextInt(4 * 3600)), 0);
            }
        }
        Instant endOfDay = day.date().plusDays(1).atStartOfDay(day.zone()).toInstant();
        while (!pending.isEmpty() && pending.peek().at().isBefore(endOfDay)) {
            Step s = pending.poll();
            try {
                TimeShift.at(s.at(), () -> run(s, day, rnd));
            } catch (RefusedException | io.minyi.platform.InvalidInputException
                     | io.minyi.platform.NotFoundException e) {
                // A move the rules refuse ends the plan there: the case stays where it is, as it would for real.
                log.debug("Demo case {} stops at {}: {}", s.plan().caseId(), s.stage(), e.getMessage());
            }
        }
    }

    private City cityFor(DemoDay day) {
        var root = org.root();
        List<UnitRef> all = org.unitsWithin(root.path());
        StaffUser handler = staff.account("handler");
        UnitRef station = org.unit(handler.unitId()).orElseThrow();
        List<UnitRef> responsible = all.stream().filter(UnitRef::active)
                .filter(u -> u.is(UnitKind.POLICE_STATION, UnitKind.JUSTICE_OFFICE, UnitKind.PEOPLES_TRIBUNAL))
                .toList();
        Random rnd = day.random("casework-city");
        List<UnitRef> shuffled = new ArrayList<>(responsible);
        java.util.Collections.shuffle(shuffled, rnd);
        List<UnitRef> chosen = new ArrayList<>(shuffled.subList(0, Math.min(18, shuffled.size())));
        chosen.removeIf(u -> u.id() == station.id());
        List<OfficerRef> hot = new ArrayList<>();
        for (UnitRef u : chosen.subList(0, Math.min(4, chosen.size()))) {
            org.officersOfUnit(u.id()).stream().limit(2).forEach(hot::add);
        }
        return new City(chosen, station, hot, staff.account("dispatcher"), phone(rnd), chosen.getFirst());
    }

    private Plan arrive(DemoDay day, Random rnd, List<Plan> today) {
        int roll = rnd.nextInt(100);
        CaseType type = roll < 35 ? CaseType.CLUE : roll < 52 ? CaseType.PETITION : roll < 75 ? CaseType.HOTLINE_ORDER
                : CaseType.GRID_EVENT;
        UnitRef unit = rnd.nextInt(100) < 30 ? city.demoStation()
                : city.responsible().get(rnd.nextInt(city.responsible().size()));
        SourceChannel channel = switch (type) {
            case CLUE -> rnd.nextInt(100) < 70 ? SourceChannel.EVALUATION : SourceChannel.WALK_IN;
            case PETITION -> SourceChannel.PETITION;
            case HOTLINE_ORDER -> SourceChannel.HOTLINE;
            default -> SourceChannel.GRID_VISIT;
        };
        Long subjectUnit = null;
        Long subjectOfficer = null;
        String phone = rnd.nextInt(100) < 75 ? phone(rnd) : null;
        String subjectName = unit.name();
        if (type == CaseType.CLUE) {
            if (rnd.nextInt(100) < 12) {
                // The resident who keeps coming back about the same unit (a repeat-raiser alert).
                unit = city.persistentSubject();
                phone = city.persistentPhone();
            } else if (rnd.nextInt(100) < 45 && !city.hotOfficers().isEmpty()) {
                OfficerRef o = city.hotOfficers().get(rnd.nextInt(city.hotOfficers().size()));
                subjectOfficer = o.id();
                unit = org.unit(o.unitId()).orElse(unit);
                subjectName = o.unitName() + "民警" + o.name();
            }
            subjectUnit = unit.id();
            subjectName = subjectOfficer == null ? unit.name() : subjectName;
        }
        Texts.Text text = Texts.pick(type, rnd, subjectName, unit.name());
        String name = SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
        var place = org.jurisdiction(unit.jurisdictionId()).orElseThrow();
        int hour = 8 + rnd.nextInt(10);
        int minute = rnd.nextInt(60);
        NewCase nc = new NewCase(type, channel, place.id(), subjectUnit, subjectOfficer, name, phone, text.content(),
                null, "demo:" + day.seed() + ":" + day.date() + ":" + today.size(), null);
        CaseIntake.Receipt receipt = day.at(hour, minute, () -> intake.receive(nc));

        Fate fate = Fate.HANDLE;
        int f = rnd.nextInt(100);
        if (type == CaseType.CLUE) {
            // 524 clues, 374 dispatched: the rest rejected, merged or handed to discipline inspection.
            fate = f < 20 ? Fate.REJECT : f < 25 && !today.isEmpty() ? Fate.MERGE : f < 29 ? Fate.TRANSFER_DISCIPLINE
                    : Fate.HANDLE;
        } else if (type == CaseType.HOTLINE_ORDER) {
            fate = f < 15 ? Fate.TRANSFER_HOTLINE : Fate.HANDLE;
        } else if (f < 6) {
            fate = Fate.REJECT;
        }
        Outcome outcome;
        int disciplined = 0;
        boolean stalls = false;
        if (type == CaseType.CLUE) {
            int o = rnd.nextInt(374);
            outcome = o < 300 ? Outcome.UNFOUNDED : Outcome.SUBSTANTIATED;
            stalls = o >= 355;
            if (outcome == Outcome.SUBSTANTIATED && !stalls && rnd.nextInt(55) < 18) {
                disciplined = 1;
            }
        } else {
            outcome = rnd.nextInt(100) < 90 ? Outcome.RESOLVED : Outcome.UNRESOLVED;
            stalls = rnd.nextInt(100) < 3;
        }
        int v = rnd.nextInt(100);
        Satisfaction verdict = phone == null || v < 12 ? null : v < 80 ? Satisfaction.SATISFIED
                : v < 93 ? Satisfaction.BASICALLY_SATISFIED : Satisfaction.DISSATISFIED;
        int r = rnd.nextInt(100);
        RiskLevel risk = r < 70 ? RiskLevel.LOW : r < 95 ? RiskLevel.MEDIUM : RiskLevel.HIGH;
        return new Plan(receipt.caseId(), receipt.trackingCode(), day.moment(hour, minute), type, unit, fate, outcome, disciplined,
                rnd.nextInt(100) < 14, stalls, rnd.nextInt(100) < 6, verdict, text.category(), risk);
    }

    private void run(Step s, DemoDay day, Random rnd) {
        Plan p = s.plan();
        StaffUser dispatcher = city.cityDispatcher();
        Actor centre = Actor.staff(dispatcher);
        switch (s.stage()) {
            case ACCEPT -> {
                switch (p.fate()) {
                    case REJECT -> act(dispatcher, () -> workflow.reject(p.caseId(), centre,
                            p.type() == CaseType.CLUE ? "反映内容不具体，无法核查，已电话告知反映人" : "不属于政法机关职责范围，已告知其他渠道"));
                    case MERGE -> act(dispatcher, () -> {
                        try {
                            workflow.merge(p.caseId(), centre, mergeTarget(p), "与先前反映的同一事项合并办理");
                        } catch (RefusedException e) {
                            workflow.reject(p.caseId(), centre, "重复反映，已告知反映人查询原事项进度");
                        }
                    });
                    case TRANSFER_DISCIPLINE -> act(dispatcher, () -> workflow.transfer(p.caseId(), centre,
                            TransferTarget.DISCIPLINE, "反映干警违纪问题，按规定移交纪检监察机关"));
                    case TRANSFER_HOTLINE -> act(dispatcher, () -> workflow.transfer(p.caseId(), centre,
                            TransferTarget.HOTLINE, "属民生诉求，转12345平台办理，结果将反馈群众"));
                    case HANDLE -> {
                        act(dispatcher, () -> workflow.accept(p.caseId(), centre, "情况属实具体，予以受理"));
                        next(s, Stage.TRIAGE, s.at().plusSeconds(1800 + rnd.nextInt(7200)));
                    }
                }
            }
            case TRIAGE -> {
                act(dispatcher, () -> workflow.triage(p.caseId(), centre, p.category(), p.risk(), p.unit().id(),
                        "经研判，由属地单位办理"));
                next(s, Stage.DISPATCH, s.at().plusSeconds(600 + rnd.nextInt(3600)));
            }
            case DISPATCH -> {
                act(dispatcher, () -> workflow.dispatch(p.caseId(), centre, null, "请按期办结并反馈"));
                next(s, Stage.SIGN, workingDaysLater(day, s.at(), rnd.nextInt(2), rnd));
            }
            case SIGN -> {
                StaffUser handler = staff.of(p.unit().id(), Role.UNIT_HANDLER);
                act(handler, () -> workflow.sign(p.caseId(), Actor.staff(handler)));
                if (p.stalls() && p.type() == CaseType.CLUE) {
                    next(s, Stage.INTERIM, workingDaysLater(day, s.at(), 3 + rnd.nextInt(5), rnd));
                } else if (!p.stalls()) {
                    boolean quick = p.type() == CaseType.HOTLINE_ORDER || p.type() == CaseType.GRID_EVENT;
                    int days = p.late() && s.round() == 0 ? (quick ? 6 : 15) + rnd.nextInt(8)
                            : quick ? 1 + rnd.nextInt(3) : 2 + rnd.nextInt(7);
                    next(s, Stage.REPORT, workingDaysLater(day, s.at(), days, rnd));
                }
            }
            case INTERIM -> {
                // 核查中: the unit reports that verification is still going on; the clue stays open.
                StaffUser handler = staff.of(p.unit().id(), Role.UNIT_HANDLER);
                act(handler, () -> workflow.reportVerificationOngoing(p.caseId(), Actor.staff(handler),
                        "已调取相关记录，正在约谈当事人，核查中"));
            }
            case REPORT -> {
                StaffUser handler = staff.of(p.unit().id(), Role.UNIT_HANDLER);
                Outcome outcome = s.round() > 0 && p.type() != CaseType.CLUE ? Outcome.RESOLVED : p.outcome();
                act(handler, () -> workflow.report(p.caseId(), Actor.staff(handler), outcome, Texts.findings(outcome),
                        p.disciplined(), p.disciplined() > 0 ? "涉事民警（已给予诫勉谈话）" : null, List.of()));
                next(s, Stage.UNIT_APPROVE, workingDaysLater(day, s.at(), rnd.nextInt(2), rnd));
            }
            case UNIT_APPROVE -> {
                StaffUser leader = staff.of(p.unit().id(), Role.UNIT_LEADER);
                act(leader, () -> workflow.unitApprove(p.caseId(), Actor.staff(leader), "同意上报"));
                next(s, Stage.APPROVE, workingDaysLater(day, s.at(), 1, rnd));
            }
            case APPROVE -> {
                StaffUser reviewer = reviewerOf(p.unit());
                if (p.sentBack() && s.round() == 0) {
                    act(reviewer, () -> workflow.sendBack(p.caseId(), Actor.staff(reviewer), "证据材料不全，请补充后重新上报"));
                    next(new Step(s.at(), s.seq(), p, Stage.SIGN, 1), Stage.REPORT,
                            workingDaysLater(day, s.at(), 2, rnd));
                } else {
                    act(reviewer, () -> workflow.approve(p.caseId(), Actor.staff(reviewer), "同意办结"));
                    next(s, p.verdict() == null ? Stage.CLOSE_UNRATED : Stage.RATE, p.verdict() == null
                            ? s.at().plusSeconds(86_400L * 8) : s.at().plusSeconds(3600L * (5 + rnd.nextInt(60))));
                }
            }
            case RATE -> {
                Satisfaction verdict = s.round() > 0 ? Satisfaction.BASICALLY_SATISFIED : p.verdict();
                workflow.rateHandling(p.trackingCode(), verdict, verdict == Satisfaction.DISSATISFIED
                        ? "问题没有真正解决，希望再核实" : "感谢及时处理");
                if (verdict.reopens()) {
                    next(new Step(s.at(), s.seq(), p, Stage.SIGN, 1), Stage.SIGN,
                            workingDaysLater(day, s.at(), 1, rnd));
                }
            }
            case CLOSE_UNRATED -> workflow.closeWithoutFeedback(p.caseId());
        }
    }

    private long mergeTarget(Plan p) {
        // The newest earlier case of the demo that is still open stands in for "the same matter reported before".
        return pending.stream().map(Step::plan).filter(o -> o.caseId() != p.caseId() && o.fate() == Fate.HANDLE)
                .map(Plan::caseId).max(Long::compare).orElse(p.caseId());
    }

    private StaffUser reviewerOf(UnitRef unit) {
        return org.parentUnit(unit.id()).map(parent -> staff.of(parent.id(), Role.UNIT_LEADER))
                .orElse(city.cityDispatcher());
    }

    private void act(StaffUser who, Runnable move) {
        staff.as(who, move);
    }

    private void schedule(Plan p, Stage stage, Instant at, int round) {
        pending.add(new Step(at, seq++, p, stage, round));
    }

    private void next(Step after, Stage stage, Instant at) {
        schedule(after.plan(), stage, at, after.round());
    }

    /** Office hours on a later working day (0: later the same day). */
    private static Instant workingDaysLater(DemoDay day, Instant from, int days, Random rnd) {
        if (days == 0) {
            return from.plusSeconds(1800 + rnd.nextInt(5400));
        }
        LocalDate d = from.atZone(day.zone()).toLocalDate();
        int added = 0;
        while (added < days) {
            d = d.plusDays(1);
            if (d.getDayOfWeek().getValue() <= 5) {
                added++;
            }
        }
        return d.atTime(LocalTime.of(8 + rnd.nextInt(9), rnd.nextInt(60))).atZone(day.zone()).toInstant();
    }

    private static String phone(Random rnd) {
        return "1" + (3 + rnd.nextInt(7)) + String.format("%09d", rnd.nextInt(1_000_000_000));
    }
}
