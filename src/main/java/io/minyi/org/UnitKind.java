package io.minyi.org;

import java.util.Arrays;

/**
 * A kind of unit (单位类型) — 派出所, 法院, 住建局, 劳动人事争议仲裁院 … — configured by administrators in the unit-kind
 * table (decision 0024), so any department can be dispatched to and scored. {@code code} is the stable key; the
 * constants below name the built-in kinds whose code some behaviour depends on (they keep their code, may be
 * relabelled, and are never removed).
 */
public record UnitKind(String code, String label, UnitSystem system, boolean builtIn, boolean active, int sort) {

    public static final String POLITICAL_LEGAL_COMMITTEE = "POLITICAL_LEGAL_COMMITTEE";
    /** Receives copies of letters, owns duty-lawyer rotas and the mediator pool's organisations. */
    public static final String GOVERNANCE_CENTRE = "GOVERNANCE_CENTRE";
    public static final String PUBLIC_SECURITY_BUREAU = "PUBLIC_SECURITY_BUREAU";
    public static final String POLICE_STATION = "POLICE_STATION";
    /** Courts and tribunals rule on judicial confirmations of mediation agreements. */
    public static final String COURT = "COURT";
    public static final String PEOPLES_TRIBUNAL = "PEOPLES_TRIBUNAL";
    public static final String PROCURATORATE = "PROCURATORATE";
    public static final String JUSTICE_BUREAU = "JUSTICE_BUREAU";
    public static final String JUSTICE_OFFICE = "JUSTICE_OFFICE";

    /** What templates and filters read as the kind's key, as they read an enum's name. */
    public String name() {
        return code;
    }

    public boolean is(String... codes) {
        return Arrays.asList(codes).contains(code);
    }
}
