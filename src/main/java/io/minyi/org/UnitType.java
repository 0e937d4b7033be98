package io.minyi.org;

import java.util.Arrays;
import java.util.Optional;

/** Kinds of 政法单位. */
public enum UnitType {
    POLITICAL_LEGAL_COMMITTEE("政法委", UnitSystem.COMMITTEE),
    GOVERNANCE_CENTRE("综治中心", UnitSystem.COMMITTEE),
    PUBLIC_SECURITY_BUREAU("公安局", UnitSystem.POLICE),
    POLICE_STATION("派出所", UnitSystem.POLICE),
    COURT("法院", UnitSystem.COURT),
    PEOPLES_TRIBUNAL("人民法庭", UnitSystem.COURT),
    PROCURATORATE("检察院", UnitSystem.PROCURATORATE),
    JUSTICE_BUREAU("司法局", UnitSystem.JUSTICE),
    JUSTICE_OFFICE("司法所", UnitSystem.JUSTICE);

    private final String label;
    private final UnitSystem system;

    UnitType(String label, UnitSystem system) {
        this.label = label;
        this.system = system;
    }

    public String label() {
        return label;
    }

    public UnitSystem system() {
        return system;
    }

    /** Accepts the code (POLICE_STATION) or the Chinese label (派出所), as people type either in spreadsheets. */
    public static Optional<UnitType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(t) || v.label.equals(t)).findFirst();
    }
}
