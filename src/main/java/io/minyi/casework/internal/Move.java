package io.minyi.casework.internal;

/** Every move of the loop, named as the ledger and the audit trail name it. */
public enum Move {
    RECEIVE("登记受理"), ACCEPT("甄别通过"), REJECT("甄别不予受理"), TRIAGE("研判"), DISPATCH("交办"), SIGN("签收"),
    REQUEST_RETURN("申请退回"), REDISPATCH("重新交办"), REPORT("上报办理结果"), REPORT_PROGRESS("报告核查进展（核查中）"),
    PASS_DOWN("下交办理"), UNIT_APPROVE("本单位领导审核通过"),
    UNIT_SEND_BACK("本单位领导退回"), APPROVE("上级审核通过"), SEND_BACK("上级审核退回"), RATE("群众评价"),
    CLOSE_NO_FEEDBACK("逾期未评价办结"), FOLLOW_UP_CALL("回访记录"),
    CLOSE_BY_FOLLOW_UP("按回访结果办结"), MERGE("合并"), TRANSFER("转办"), ARCHIVE("归档"),
    CONFIRM_ON_SITE("网格员现场核实"),
    ASSIGN_ASSIST("指定协办单位"), ASSIST_REPORT("协办单位报送协办意见"), ESCALATE("提请上级办理"),
    HAND_DOWN("交由下级办理"),
    // steps from outside the loop: they record, never change the state
    COMMENT("外部意见"), TRANSFER_RESULT("转办结果反馈"), DISCIPLINE_HANDOVER("移送纪检监察"),
    DISCIPLINE_RESULT("纪检监察处理结果");

    private final String label;

    Move(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String auditAction() {
        return "casework.case." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
