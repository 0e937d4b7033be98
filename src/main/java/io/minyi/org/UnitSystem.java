package io.minyi.org;

/** Each system numbers its own officers; a badge number is unique within one system. */
public enum UnitSystem {
    COMMITTEE("政法委系统"), POLICE("公安"), COURT("法院"), PROCURATORATE("检察院"), JUSTICE("司法行政"),
    GOVERNMENT("政府部门"), MEDIATION("调解组织");

    private final String label;

    UnitSystem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
