package io.minyi.casework;

public enum SourceChannel {
    EVALUATION("群众评议"), WALK_IN("来访"), PETITION("信访"), GRID_VISIT("网格走访"), HOTLINE("12345热线"),
    SURVEY("问卷调查"), STAFF("工作人员登记"), OPEN311("Open311接口");

    private final String label;

    SourceChannel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
