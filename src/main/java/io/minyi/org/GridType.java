package io.minyi.org;

public enum GridType {
    OPEN_ESTATE("开放型小区"), GATED_ESTATE("封闭型小区"), RURAL("农村网格"), SPECIAL("专属网格");

    private final String label;

    GridType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
