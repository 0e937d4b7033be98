package io.minyi.casework.internal;

import io.minyi.casework.Outcome;
import io.minyi.casework.RiskLevel;
import io.minyi.casework.TransferTarget;
import io.minyi.casework.CaseType;
import io.minyi.casework.Outcome;

import java.util.Random;

/** What the demo's residents write and its units find: plain, varied, and about the subject the case names. */
final class Texts {

    record Text(String content, String category) {
    }

    private static final String[][] CLUES = {
            {"执法作风", "反映%s办理户籍迁移时态度生硬，让群众往返三次仍未办成，也未一次性告知所需材料。"},
            {"执法作风", "反映%s出警后对邻居噪音扰民问题处理敷衍，当事人多次报警无果。"},
            {"办事效率", "反映%s办理居住证超过承诺时限两周，窗口无人解释原因。"},
            {"廉洁问题", "反映%s有人暗示办理加快需要“打点”，请求核实。"},
            {"执法作风", "反映%s在交通事故处理中偏袒一方，未按规定调取监控。"},
            {"办事效率", "反映%s对群众诉讼材料补正要求前后不一，立案拖延。"},
    };
    private static final String[][] PETITIONS = {
            {"征地拆迁", "信访人反映%s辖区征地补偿款迟迟未发放到位，要求依法处理。"},
            {"劳资纠纷", "信访人反映在%s辖区工地务工被拖欠工资四个月，多次讨要未果。"},
            {"涉法涉诉", "信访人对%s作出的判决执行进度不满，要求加快执行。"},
            {"邻里纠纷", "信访人反映与邻居因宅基地界线发生争执，请%s协调。"},
    };
    private static final String[][] HOTLINE = {
            {"治安管理", "12345工单：%s辖区夜市烧烤摊深夜聚集喧哗，影响居民休息。"},
            {"治安管理", "12345工单：%s辖区小区门口电动车乱停放、占用消防通道。"},
            {"法律服务", "12345工单：群众咨询遗产继承公证手续，请%s提供法律援助指引。"},
            {"治安管理", "12345工单：%s辖区学校周边上下学时段交通秩序混乱。"},
    };
    private static final String[][] GRID = {
            {"安全隐患", "网格员巡查发现%s辖区老旧小区楼道堆放杂物，存在火灾隐患。"},
            {"安全隐患", "网格员走访发现%s辖区独居老人家中燃气管道老化。"},
            {"矛盾苗头", "网格员走访发现%s辖区两户村民因灌溉用水发生口角，需及时化解。"},
            {"特殊人群", "网格员报告%s辖区社区矫正对象近期未按时报到。"},
    };

    private Texts() {
    }

    static Text pick(CaseType type, Random rnd, String subjectName, String unitName) {
        String[][] pool = switch (type) {
            case CLUE -> CLUES;
            case PETITION -> PETITIONS;
            case HOTLINE_ORDER -> HOTLINE;
            default -> GRID;
        };
        String[] t = pool[rnd.nextInt(pool.length)];
        return new Text(String.format(t[1], type == CaseType.CLUE ? subjectName : unitName), t[0]);
    }

    static String findings(Outcome outcome) {
        return switch (outcome) {
            case SUBSTANTIATED, PARTLY_SUBSTANTIATED -> "经调取记录、询问当事人核实，反映问题属实，已责令整改并向反映人说明。";
            case UNFOUNDED -> "经调阅执法记录仪视频、询问相关人员，未发现反映的问题，已向反映人解释说明。";
            case RESOLVED -> "已现场处置，问题已解决，并向群众反馈处理结果。";
            case UNRESOLVED -> "已多次协调，因涉及其他部门职责暂未彻底解决，已告知群众后续渠道。";
        };
    }
}
