package io.minyi.casework;

public enum CaseType {
    CLUE("问题线索"), DISPUTE("矛盾纠纷"), GRID_EVENT("网格事件"), PETITION("信访事项"), HOTLINE_ORDER("12345工单");

    private final String label;

    CaseType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
