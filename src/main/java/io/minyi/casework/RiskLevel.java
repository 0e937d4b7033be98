package io.minyi.casework;

public enum RiskLevel {
    LOW("低"), MEDIUM("中"), HIGH("高");

    private final String label;

    RiskLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
