package io.minyi.org;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
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
public class DemoCity {

    private static final Logger log = LoggerFactory.getLogger(DemoCity.class);

    static final String CITY_CODE = "990100";
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
    private final PasswordEncoder passwords;

    DemoCity(JdbcTemplate jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** What was generated, for the start-up banner and for tests. */
    public record Summary(int counties, int townships, int villages, int grids, int units, int officers,
                          int staffAccounts, List<String> demoLogins) {
    }

    public boolean isEmpty() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM jurisdiction", Long.class);
        return n == null || n == 0;
    }

    @Transactional
    public Summary generate(long seed, int scale, String demoPassword) {
        Random rnd = new Random(seed);
        Ids ids = new Ids(jdbc);
        String hash = passwords.encode(demoPassword);

        long city = ids.next("jurisdiction");
        List<Object[]> jur = new ArrayList<>();
        jur.add(new Object[]{city, null, "CITY", CITY_CODE, "示范市", "/" + city + "/"});
        List<long[]> counties = new ArrayList<>(); // id
        List<String> countyPaths = new ArrayList<>();
        List<String> countyNames = new ArrayList<>();
        List<Long> townshipIds = new ArrayList<>();
        List<Long> townshipCounty = new ArrayList<>();
        List<String> townshipNames = new ArrayList<>();
        List<Long> villageIds = new ArrayList<>();
        List<Integer> villageCountyIndex = new ArrayList<>();
        int countyCount = COUNTY_NAMES.length * Math.max(1, scale);
        for (int c = 0; c < countyCount; c++) {
            long county = ids.next("jurisdiction");
            String cname = COUNTY_NAMES[c % COUNTY_NAMES.length] + (c < COUNTY_NAMES.length ? "" : String.valueOf(c / COUNTY_NAMES.length + 1));
            String ccode = CITY_CODE.substring(0, 4) + String.format("%02d", c + 1);
            String cpath = "/" + city + "/" + county + "/";
            jur.add(new Object[]{county, city, "COUNTY", ccode, cname, cpath});
            counties.add(new long[]{county});
            countyPaths.add(cpath);
            countyNames.add(cname);
            int townships = 11 + rnd.nextInt(3) + (c == 0 ? 1 : 0);
            Set<String> used = new HashSet<>();
            for (int t = 0; t < townships; t++) {
                long township = ids.next("jurisdiction");
                String tname = uniquePlace(rnd, used) + (t % 4 == 0 ? "街道" : t % 4 == 1 ? "乡" : "镇");
                String tcode = ccode + String.format("%03d", t + 1);
                String tpath = cpath + township + "/";
                jur.add(new Object[]{township, county, "TOWNSHIP", tcode, tname, tpath});
                townshipIds.add(township);
                townshipCounty.add(county);
                townshipNames.add(tname);
                int villages = 14 + rnd.nextInt(7);
                Set<String> usedV = new HashSet<>();
                for (int v = 0; v < villages; v++) {
                    long village = ids.next("jurisdiction");
                    boolean community = tname.endsWith("街道") || v % 5 == 0;
                    String vname = uniquePlace(rnd, usedV) + (community ? "社区" : "村");
                    jur.add(new Object[]{village, township, "VILLAGE", tcode + String.format("%03d", v + 1), vname,
                            tpath + village + "/"});
                    villageIds.add(village);
                    villageCountyIndex.add(c);
                }
            }
        }
        jdbc.batchUpdate("INSERT INTO jurisdiction (id, parent_id, level, code, name, path) VALUES (?,?,?,?,?,?)", jur);

        // Units: city level, then per county, then police stations / tribunals / township centres under them.
        List<Object[]> units = new ArrayList<>();
        List<Object[]> unitMeta = new ArrayList<>(); // id, type, jurisdiction
        long cityCommittee = addUnit(ids, units, unitMeta, null, city, "POLITICAL_LEGAL_COMMITTEE", "U-990100-01", "中共示范市委政法委员会");
        long cityCentre = addUnit(ids, units, unitMeta, cityCommittee, city, "GOVERNANCE_CENTRE", "U-990100-02", "示范市社会治安综合治理中心");
        long cityPolice = addUnit(ids, units, unitMeta, cityCommittee, city, "PUBLIC_SECURITY_BUREAU", "U-990100-03", "示范市公安局");
        long cityCourt = addUnit(ids, units, unitMeta, cityCommittee, city, "COURT", "U-990100-04", "示范市中级人民法院");
        long cityProc = addUnit(ids, units, unitMeta, cityCommittee, city, "PROCURATORATE", "U-990100-05", "示范市人民检察院");
        long cityJustice = addUnit(ids, units, unitMeta, cityCommittee, city, "JUSTICE_BUREAU", "U-990100-06", "示范市司法局");
        List<long[]> countyUnits = new ArrayList<>(); // committee, centre, police, court, proc, justice, station1
        int ti = 0;
        for (int c = 0; c < countyCount; c++) {
            long county = counties.get(c)[0];
            String n = countyNames.get(c);
            String p = "U-" + String.format("%04d", c + 1) + "-";
            long committee = addUnit(ids, units, unitMeta, cityCommittee, county, "POLITICAL_LEGAL_COMMITTEE", p + "01", "中共" + n + "委政法委员会");
            long centre = addUnit(ids, units, unitMeta, cityCentre, county, "GOVERNANCE_CENTRE", p + "02", n + "社会治安综合治理中心");
            long police = addUnit(ids, units, unitMeta, cityPolice, county, "PUBLIC_SECURITY_BUREAU", p + "03", n + "公安局");
            long court = addUnit(ids, units, unitMeta, cityCourt, county, "COURT", p + "04", n + "人民法院");
            long proc = addUnit(ids, units, unitMeta, cityProc, county, "PROCURATORATE", p + "05", n + "人民检察院");
            long justice = addUnit(ids, units, unitMeta, cityJustice, county, "JUSTICE_BUREAU", p + "06", n + "司法局");
            // townships of this county, in order
            List<Integer> mine = new ArrayList<>();
            for (int k = 0; k < townshipIds.size(); k++) {
                if (townshipCounty.get(k) == county) {
                    mine.add(k);
                }
            }
            long station1 = 0;
            for (int s = 0; s < 2; s++) {
                int k = mine.get(s);
                String tn = townshipNames.get(k);
                long st = addUnit(ids, units, unitMeta, police, townshipIds.get(k), "POLICE_STATION", p + "1" + s,
                        n + "公安局" + stripSuffix(tn) + "派出所");
                if (s == 0) {
                    station1 = st;
                }
            }
            int tk = mine.get(2);
            addUnit(ids, units, unitMeta, court, townshipIds.get(tk), "PEOPLES_TRIBUNAL", p + "20",
                    n + "人民法院" + stripSuffix(townshipNames.get(tk)) + "人民法庭");
            if (c == 0) {
                // the seeds' county with five township governance centres
                for (int s = 0; s < 5; s++) {
                    int k = mine.get(s);
                    addUnit(ids, units, unitMeta, centre, townshipIds.get(k), "GOVERNANCE_CENTRE", p + "3" + s,
                            townshipNames.get(k) + "综治中心");
                }
            }
            countyUnits.add(new long[]{committee, centre, police, court, proc, justice, station1});
            ti += mine.size();
        }
        jdbc.batchUpdate("INSERT INTO unit (id, parent_id, jurisdiction_id, type, code, name, phone) VALUES (?,?,?,?,?,?,?)", units);

        // Officers: about 3,000 per six counties, weighted towards the police as in a real city.
        List<Object[]> officers = new ArrayList<>();
        int badgeSeq = 100000;
        long firstStationOfficer = 0;
        // each kind's badge system, as configured (V1_50 seeds the built-in kinds)
        java.util.Map<String, UnitSystem> systems = new java.util.HashMap<>();
        jdbc.query("SELECT code, system FROM unit_kind",
                rs -> { systems.put(rs.getString(1), UnitSystem.valueOf(rs.getString(2))); });
        for (Object[] u : unitMeta) {
            long unitId = (long) u[0];
            String type = (String) u[1];
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
            UnitSystem system = systems.getOrDefault(type, UnitSystem.COMMITTEE);
            String[] positions = switch (system) {
                case POLICE -> POLICE_POSITIONS;
                case COURT -> COURT_POSITIONS;
                case PROCURATORATE -> PROCURATOR_POSITIONS;
                case JUSTICE -> JUSTICE_POSITIONS;
                case COMMITTEE, GOVERNMENT, MEDIATION -> COMMITTEE_POSITIONS;
            };
            for (int i = 0; i < count; i++) {
                long id = ids.next("officer");
                if (UnitKind.POLICE_STATION.equals(type) && firstStationOfficer == 0) {
                    firstStationOfficer = id;
                }
                officers.add(new Object[]{id, unitId, system.name(), String.valueOf(badgeSeq++),
                        personName(rnd), positions[rnd.nextInt(positions.length)]});
            }
        }
        jdbc.batchUpdate("INSERT INTO officer (id, unit_id, unit_system, badge_no, name, position) VALUES (?,?,?,?,?,?)", officers);

        // Grids: 253 in the first county's villages, as in the seeds.
        List<Object[]> grids = new ArrayList<>();
        GridType[] gridTypes = GridType.values();
        int gridTarget = 253 * Math.max(1, scale);
        List<Long> firstCountyVillages = new ArrayList<>();
        for (int i = 0; i < villageIds.size(); i++) {
            if (villageCountyIndex.get(i) % COUNTY_NAMES.length == 0) {
                firstCountyVillages.add(villageIds.get(i));
            }
        }
        for (int g = 0; g < gridTarget; g++) {
            long village = firstCountyVillages.get(g % firstCountyVillages.size());
            GridType type = g % 10 == 9 ? GridType.SPECIAL : gridTypes[rnd.nextInt(3)];
            grids.add(new Object[]{ids.next("grid"), village, type.name(), "G-" + String.format("%05d", g + 1),
                    "第" + (g + 1) + "网格", 150 + rnd.nextInt(400)});
        }
        jdbc.batchUpdate("INSERT INTO grid (id, village_id, type, code, name, households) VALUES (?,?,?,?,?,?)", grids);

        // Demo accounts, one per role, plus county-scoped dispatchers to show scoping.
        long[] c1 = countyUnits.get(0);
        long[] c2 = countyUnits.get(1);
        long county1 = counties.get(0)[0];
        long county2 = counties.get(1)[0];
        List<Object[]> staff = new ArrayList<>();
        List<String> logins = new ArrayList<>();
        staffRow(ids, staff, logins, "admin", "系统管理员", "ADMIN", cityCommittee, city, null);
        staffRow(ids, staff, logins, "leader", "市委政法委领导", "LEADER", cityCommittee, city, null);
        staffRow(ids, staff, logins, "dispatcher", "市综治中心调度员", "DISPATCHER", cityCentre, city, null);
        staffRow(ids, staff, logins, "supervisor", "市综治中心督办员", "SUPERVISOR", cityCentre, city, null);
        staffRow(ids, staff, logins, "discipline", "市纪委监委派驻纪检组", "DISCIPLINE", cityCommittee, city, null);
        staffRow(ids, staff, logins, "dispatcher1", countyNames.get(0) + "综治中心调度员", "DISPATCHER", c1[1], county1, null);
        staffRow(ids, staff, logins, "dispatcher2", countyNames.get(1) + "综治中心调度员", "DISPATCHER", c2[1], county2, null);
        staffRow(ids, staff, logins, "countyleader", countyNames.get(0) + "委政法委领导", "LEADER", c1[0], county1, null);
        staffRow(ids, staff, logins, "unitleader", "派出所所长", "UNIT_LEADER", c1[6], county1, null);
        staffRow(ids, staff, logins, "handler", "派出所承办民警", "UNIT_HANDLER", c1[6], county1, firstStationOfficer);
        staffRow(ids, staff, logins, "policeleader", countyNames.get(0) + "公安局领导", "UNIT_LEADER", c1[2], county1, null);
        staffRow(ids, staff, logins, "mediator", countyNames.get(0) + "专职调解员", "MEDIATOR", c1[1], county1, null);
        staffRow(ids, staff, logins, "gridworker", "网格员", "GRID_WORKER", c1[1], firstCountyVillages.get(0), null);
        for (Object[] row : staff) {
            row[3] = hash;
        }
        jdbc.batchUpdate("""
                INSERT INTO staff_account (id, username, display_name, password_hash, roles, unit_id, jurisdiction_id, officer_id)
                VALUES (?,?,?,?,string_to_array(?, ','),?,?,?)""", staff);
        // One grid worker per grid, all sharing the demo password hash (hashing 253 times would slow start-up).
        List<Object[]> workers = new ArrayList<>();
        List<Object[]> links = new ArrayList<>();
        for (int g = 0; g < grids.size(); g++) {
            Object[] grid = grids.get(g);
            long sid = g == 0 ? (long) staff.get(staff.size() - 1)[0] : ids.next("staff_account");
            if (g > 0) {
                workers.add(new Object[]{sid, "grid" + String.format("%05d", g + 1), "网格员" + personName(rnd), hash,
                        "GRID_WORKER", c1[1], grid[1], null});
            }
            links.add(new Object[]{grid[0], sid});
        }
        jdbc.batchUpdate("""
                INSERT INTO staff_account (id, username, display_name, password_hash, roles, unit_id, jurisdiction_id, officer_id)
                VALUES (?,?,?,?,string_to_array(?, ','),?,?,?)""", workers);
        jdbc.batchUpdate("INSERT INTO grid_worker (grid_id, staff_id) VALUES (?,?)", links);
        ids.syncSequences();

        Summary summary = new Summary(countyCount, townshipIds.size(), villageIds.size(), grids.size(), units.size(),
                officers.size(), staff.size() + workers.size(), logins);
        log.info("Demo city generated: {}", summary);
        return summary;
    }

    private long addUnit(Ids ids, List<Object[]> units, List<Object[]> meta, Long parent, long jurisdiction,
                         String type, String code, String name) {
        long id = ids.next("unit");
        units.add(new Object[]{id, parent, jurisdiction, type, code, name, "0999-" + (8000000 + id)});
        meta.add(new Object[]{id, type, jurisdiction});
        return id;
    }

    private void staffRow(Ids ids, List<Object[]> staff, List<String> logins, String username, String name,
                          String roles, long unit, long jurisdiction, Long officer) {
        staff.add(new Object[]{ids.next("staff_account"), username, name, null, roles, unit, jurisdiction, officer});
        logins.add(username + " (" + Role.valueOf(roles).label() + ")");
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

    /** Hands out ids above what a table already holds, then moves the identity sequences past them. */
    private static final class Ids {
        private final JdbcTemplate jdbc;
        private final java.util.Map<String, Long> next = new java.util.HashMap<>();

        Ids(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        long next(String table) {
            return next.compute(table, (t, v) -> v == null
                    ? jdbc.queryForObject("SELECT coalesce(max(id), 0) + 1 FROM " + t, Long.class) : v + 1);
        }

        void syncSequences() {
            for (String table : next.keySet()) {
                jdbc.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
            }
        }
    }
}
