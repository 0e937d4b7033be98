package io.minyi.org;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import io.minyi.org.web.DemoCityFiles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A fictional city, 示范市, at the scale PRODUCT.md designs for: 6 counties, ~70 townships, ~1,200 villages, 253 grids,
 * ~60 units and ~3,000 officers, plus one demo account per role. Deterministic for a seed, so tests and screenshots
 * see the same city every time. {@code scale} multiplies the counties, for benchmark data.
 */
@Component
@RequiredArgsConstructor
public class DemoCity {

    private static final Logger log = LoggerFactory.getLogger(DemoCity.class);

    static final String CITY_CODE = "990100";
    static final String CITY_NAME = "示范市";
    static final String[] COUNTY_NAMES = {"城关区", "东川县", "西岭县", "南湖县", "北原县", "青山县"};
    private static final String[] PLACE_A = {"金", "银", "石", "柳", "杨", "梨", "桃", "松", "梅", "兰", "清", "平", "安", "永",
            "长", "新", "丰", "河", "山", "龙", "凤", "白", "红", "黄", "青", "东", "西", "南", "北", "中", "大", "小", "高", "马",
            "牛", "羊", "鹿", "云", "泉", "溪"};
    private static final String[] PLACE_B = {"家", "水", "沟", "坪", "湾", "岭", "川", "桥", "庄", "坡", "寨", "台", "峪", "营",
            "集", "塘", "园", "林", "阳", "华", "兴", "和", "福", "宁", "泰", "源"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
            "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓",
            "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
            "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "辉", "志", "红", "玉", "兰", "海",
            "波", "鹏", "飞", "宇", "浩", "晨", "欣", "佳", "雪", "慧", "婷", "瑶", "琳", "晓", "峰", "凯", "斌"};
    private static final String[] POLICE_POSITIONS = {"民警", "民警", "民警", "辅警", "副所长", "所长", "教导员", "社区民警"};
    private static final String[] COURT_POSITIONS = {"法官", "法官助理", "书记员", "庭长", "副庭长", "执行员"};
    private static final String[] PROCURATOR_POSITIONS = {"检察官", "检察官助理", "书记员", "部门负责人"};
    private static final String[] JUSTICE_POSITIONS = {"科员", "司法助理员", "所长", "人民调解员"};
    private static final String[] COMMITTEE_POSITIONS = {"科员", "副主任", "主任", "综治专干"};

    private final JdbcTemplate jdbc;
    private final DemoCityFiles files;
    private final JurisdictionCache cache;

    /** What was generated, for the start-up banner and for tests. */
    public record Summary(int counties, int townships, int villages, int grids, int units, int officers,
                          int staffAccounts, List<String> demoLogins) {
    }

    public boolean isEmpty() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM jurisdiction", Long.class);
        return n == null || n == 0;
    }

    /**
     * Plans the city from the seed, then writes it through the organisation kinds' own import (decision 0026): the
     * same checks and SQL as an administrator's files, in the order a person would load them. Only the city itself
     * is inserted directly, as a new database's one root: every other place hangs under a parent.
     */
    @Transactional
    public Summary generate(long seed, int scale, String demoPassword) {
        long started = System.nanoTime();
        Plan plan = new Plan(new Random(seed), Math.max(1, scale), demoPassword);
        long city = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('jurisdiction', 'id'))", Long.class);
        cache.changing();
        jdbc.update("INSERT INTO jurisdiction (id, parent_id, level, code, name, path) VALUES (?, NULL, 'CITY', ?, ?, ?)",
                city, CITY_CODE, CITY_NAME, "/" + city + "/");
        StaffUser as = new StaffUser(0, "demo", CITY_NAME, Set.of(Role.ADMIN), 0, CITY_NAME, city, "/" + city + "/",
                CITY_NAME, null, true, null, null);
        files.write(as, "jurisdictions", plan.places);
        files.write(as, "units", plan.units);
        files.write(as, "officers", plan.officers);
        files.write(as, "staff", plan.staff);
        files.write(as, "grids", plan.grids);
        Summary summary = new Summary(plan.counties, plan.townships, plan.villages, plan.grids.size(),
                plan.units.size(), plan.officers.size(), plan.staff.size(), plan.logins);
        log.info("Demo city generated in {} ms: {}", (System.nanoTime() - started) / 1_000_000, summary);
        return summary;
    }

    /**
     * The city as rows of the import files, cells in each kind's template order. The random draws come in the order
     * the city has always been drawn in, so a seed gives the same names, and rows come in the order ids were always
     * handed out, so an empty database gives the same ids.
     */
    private static final class Plan {
        final List<List<String>> places = new ArrayList<>();
        final List<List<String>> units = new ArrayList<>();
        final List<List<String>> officers = new ArrayList<>();
        final List<List<String>> staff = new ArrayList<>();
        final List<List<String>> grids = new ArrayList<>();
        final List<String> logins = new ArrayList<>();
        final List<String> unitTypes = new ArrayList<>();
        int counties;
        int townships;
        int villages;

        Plan(Random rnd, int scale, String password) {
            List<String> countyCodes = new ArrayList<>();
            List<String> countyNames = new ArrayList<>();
            List<List<String[]>> townshipsOf = new ArrayList<>(); // per county: {code, name}
            List<String> firstCountyVillages = new ArrayList<>();
            counties = COUNTY_NAMES.length * scale;
            for (int c = 0; c < counties; c++) {
                String cname = COUNTY_NAMES[c % COUNTY_NAMES.length]
                        + (c < COUNTY_NAMES.length ? "" : String.valueOf(c / COUNTY_NAMES.length + 1));
                String ccode = CITY_CODE.substring(0, 4) + String.format("%02d", c + 1);
                places.add(List.of(ccode, cname, CITY_CODE));
                countyCodes.add(ccode);
                countyNames.add(cname);
                List<String[]> mine = new ArrayList<>();
                townshipsOf.add(mine);
                int count = 11 + rnd.nextInt(3) + (c == 0 ? 1 : 0);
                Set<String> used = new HashSet<>();
                for (int t = 0; t < count; t++) {
                    String tname = uniquePlace(rnd, used) + (t % 4 == 0 ? "街道" : t % 4 == 1 ? "乡" : "镇");
                    String tcode = ccode + String.format("%03d", t + 1);
                    places.add(List.of(tcode, tname, ccode));
                    mine.add(new String[]{tcode, tname});
                    townships++;
                    int villageCount = 14 + rnd.nextInt(7);
                    Set<String> usedV = new HashSet<>();
                    for (int v = 0; v < villageCount; v++) {
                        boolean community = tname.endsWith("街道") || v % 5 == 0;
                        String vname = uniquePlace(rnd, usedV) + (community ? "社区" : "村");
                        String vcode = tcode + String.format("%03d", v + 1);
                        places.add(List.of(vcode, vname, tcode));
                        villages++;
                        if (c % COUNTY_NAMES.length == 0) {
                            firstCountyVillages.add(vcode);
                        }
                    }
                }
            }
            planUnits(countyCodes, countyNames, townshipsOf);
            String firstStationBadge = planOfficers(rnd);
            List<String[]> gridRows = planGrids(rnd, scale, firstCountyVillages);
            planStaff(rnd, password, countyCodes, countyNames, firstCountyVillages, firstStationBadge, gridRows);
        }

        // Units: city level, then per county, then police stations / tribunals / township centres under them.
        private void planUnits(List<String> countyCodes, List<String> countyNames, List<List<String[]>> townshipsOf) {
            unit("U-990100-01", "中共示范市委政法委员会", "POLITICAL_LEGAL_COMMITTEE", CITY_CODE, "");
            unit("U-990100-02", "示范市社会治安综合治理中心", "GOVERNANCE_CENTRE", CITY_CODE, "U-990100-01");
            unit("U-990100-03", "示范市公安局", "PUBLIC_SECURITY_BUREAU", CITY_CODE, "U-990100-01");
            unit("U-990100-04", "示范市中级人民法院", "COURT", CITY_CODE, "U-990100-01");
            unit("U-990100-05", "示范市人民检察院", "PROCURATORATE", CITY_CODE, "U-990100-01");
            unit("U-990100-06", "示范市司法局", "JUSTICE_BUREAU", CITY_CODE, "U-990100-01");
            for (int c = 0; c < countyCodes.size(); c++) {
                String county = countyCodes.get(c);
                String n = countyNames.get(c);
                String p = "U-" + String.format("%04d", c + 1) + "-";
                unit(p + "01", "中共" + n + "委政法委员会", "POLITICAL_LEGAL_COMMITTEE", county, "U-990100-01");
                unit(p + "02", n + "社会治安综合治理中心", "GOVERNANCE_CENTRE", county, "U-990100-02");
                unit(p + "03", n + "公安局", "PUBLIC_SECURITY_BUREAU", county, "U-990100-03");
                unit(p + "04", n + "人民法院", "COURT", county, "U-990100-04");
                unit(p + "05", n + "人民检察院", "PROCURATORATE", county, "U-990100-05");
                unit(p + "06", n + "司法局", "JUSTICE_BUREAU", county, "U-990100-06");
                List<String[]> mine = townshipsOf.get(c);
                for (int s = 0; s < 2; s++) {
                    unit(p + "1" + s, n + "公安局" + stripSuffix(mine.get(s)[1]) + "派出所", "POLICE_STATION",
                            mine.get(s)[0], p + "03");
                }
                unit(p + "20", n + "人民法院" + stripSuffix(mine.get(2)[1]) + "人民法庭", "PEOPLES_TRIBUNAL",
                        mine.get(2)[0], p + "04");
                if (c == 0) {
                    // the seeds' county with five township governance centres
                    for (int s = 0; s < 5; s++) {
                        unit(p + "3" + s, mine.get(s)[1] + "综治中心", "GOVERNANCE_CENTRE", mine.get(s)[0], p + "02");
                    }
                }
            }
        }

        private void unit(String code, String name, String type, String place, String parent) {
            // the phone number follows the unit's id, which in an empty database is its place in this list
            units.add(List.of(code, name, type, place, parent, "0999-" + (8000000 + units.size() + 1), ""));
            unitTypes.add(type);
        }

        /** Officers: about 3,000 per six counties, weighted towards the police as in a real city. */
        private String planOfficers(Random rnd) {
            int badgeSeq = 100000;
            String firstStationBadge = null;
            for (int u = 0; u < units.size(); u++) {
                String type = unitTypes.get(u);
                int count = switch (type) {
                    case UnitKind.PUBLIC_SECURITY_BUREAU -> 150;
                    case UnitKind.POLICE_STATION -> 70;
                    case UnitKind.COURT -> 55;
                    case UnitKind.PEOPLES_TRIBUNAL -> 14;
                    case UnitKind.PROCURATORATE -> 40;
                    case UnitKind.JUSTICE_BUREAU -> 22;
                    case UnitKind.JUSTICE_OFFICE -> 6;
                    case UnitKind.POLITICAL_LEGAL_COMMITTEE -> 14;
                    default -> 8;
                };
                // the demo city uses only the built-in kinds, whose systems are fixed (V1_50 seeds them)
                String[] positions = switch (type) {
                    case UnitKind.PUBLIC_SECURITY_BUREAU, UnitKind.POLICE_STATION -> POLICE_POSITIONS;
                    case UnitKind.COURT, UnitKind.PEOPLES_TRIBUNAL -> COURT_POSITIONS;
                    case UnitKind.PROCURATORATE -> PROCURATOR_POSITIONS;
                    case UnitKind.JUSTICE_BUREAU, UnitKind.JUSTICE_OFFICE -> JUSTICE_POSITIONS;
                    default -> COMMITTEE_POSITIONS;
                };
                for (int i = 0; i < count; i++) {
                    String badge = String.valueOf(badgeSeq++);
                    if (UnitKind.POLICE_STATION.equals(type) && firstStationBadge == null) {
                        firstStationBadge = badge;
                    }
                    officers.add(List.of(badge, personName(rnd), units.get(u).getFirst(),
                            positions[rnd.nextInt(positions.length)]));
                }
            }
            return firstStationBadge;
        }

        /** Grids: 253 in the first county's villages, as in the seeds; workers are named after the accounts. */
        private List<String[]> planGrids(Random rnd, int scale, List<String> firstCountyVillages) {
            GridType[] gridTypes = GridType.values();
            List<String[]> rows = new ArrayList<>();
            for (int g = 0; g < 253 * scale; g++) {
                String village = firstCountyVillages.get(g % firstCountyVillages.size());
                GridType type = g % 10 == 9 ? GridType.SPECIAL : gridTypes[rnd.nextInt(3)];
                rows.add(new String[]{"G-" + String.format("%05d", g + 1), "第" + (g + 1) + "网格", type.name(),
                        village, String.valueOf(150 + rnd.nextInt(400))});
            }
            return rows;
        }

        /** Demo accounts, one per role, plus county-scoped dispatchers to show scoping; one worker per grid. */
        private void planStaff(Random rnd, String password, List<String> countyCodes, List<String> countyNames,
                               List<String> firstCountyVillages, String firstStationBadge, List<String[]> gridRows) {
            String c1 = "U-0001-";
            String c2 = "U-0002-";
            account("admin", "系统管理员", "ADMIN", "U-990100-01", CITY_CODE, "", password);
            account("leader", "市委政法委领导", "LEADER", "U-990100-01", CITY_CODE, "", password);
            account("dispatcher", "市综治中心调度员", "DISPATCHER", "U-990100-02", CITY_CODE, "", password);
            account("supervisor", "市综治中心督办员", "SUPERVISOR", "U-990100-02", CITY_CODE, "", password);
            account("discipline", "市纪委监委派驻纪检组", "DISCIPLINE", "U-990100-01", CITY_CODE, "", password);
            account("dispatcher1", countyNames.get(0) + "综治中心调度员", "DISPATCHER", c1 + "02", countyCodes.get(0),
                    "", password);
            account("dispatcher2", countyNames.get(1) + "综治中心调度员", "DISPATCHER", c2 + "02", countyCodes.get(1),
                    "", password);
            account("countyleader", countyNames.get(0) + "委政法委领导", "LEADER", c1 + "01", countyCodes.get(0), "",
                    password);
            account("unitleader", "派出所所长", "UNIT_LEADER", c1 + "10", countyCodes.get(0), "", password);
            account("handler", "派出所承办民警", "UNIT_HANDLER", c1 + "10", countyCodes.get(0), firstStationBadge,
                    password);
            account("policeleader", countyNames.get(0) + "公安局领导", "UNIT_LEADER", c1 + "03", countyCodes.get(0), "",
                    password);
            account("mediator", countyNames.get(0) + "专职调解员", "MEDIATOR", c1 + "02", countyCodes.get(0), "", password);
            account("gridworker", "网格员", "GRID_WORKER", c1 + "02", firstCountyVillages.getFirst(), "", password);
            logins.addAll(staff.stream().map(r -> r.getFirst() + " (" + Role.valueOf(r.get(2)).label() + ")").toList());
            // One grid worker per grid, all with the demo password (hashed once).
            for (int g = 0; g < gridRows.size(); g++) {
                String[] grid = gridRows.get(g);
                String worker = g == 0 ? "gridworker" : "grid" + String.format("%05d", g + 1);
                if (g > 0) {
                    account(worker, "网格员" + personName(rnd), "GRID_WORKER", c1 + "02", grid[3], "", password);
                }
                grids.add(List.of(grid[0], grid[1], grid[2], grid[3], grid[4], worker));
            }
        }

        private void account(String username, String name, String role, String unit, String place, String badge,
                             String password) {
            staff.add(List.of(username, name, role, unit, place, password, "", "", badge));
        }
    }

    private static String uniquePlace(Random rnd, Set<String> used) {
        for (int attempt = 0; attempt < 50; attempt++) {
            String s = PLACE_A[rnd.nextInt(PLACE_A.length)] + PLACE_B[rnd.nextInt(PLACE_B.length)];
            if (used.add(s)) {
                return s;
            }
        }
        String s = PLACE_A[rnd.nextInt(PLACE_A.length)] + PLACE_B[rnd.nextInt(PLACE_B.length)] + used.size();
        used.add(s);
        return s;
    }

    private static String stripSuffix(String township) {
        return township.replaceAll("(街道|乡|镇)$", "");
    }

    static String personName(Random rnd) {
        String name = SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
        return rnd.nextInt(3) == 0 ? name : name + GIVEN[rnd.nextInt(GIVEN.length)];
    }
}
