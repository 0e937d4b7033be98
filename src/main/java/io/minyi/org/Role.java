package io.minyi.org;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Staff roles. Residents have no account: they reach their own items through a tracking code. */
public enum Role {
    ADMIN("系统管理员"),
    LEADER("领导"),
    DISPATCHER("调度员"),
    SUPERVISOR("督办员"),
    UNIT_LEADER("单位领导"),
    UNIT_HANDLER("单位承办人"),
    MEDIATOR("调解员"),
    GRID_WORKER("网格员"),
    DISCIPLINE("纪检监察"),
    ORG_DEPARTMENT("组织部门");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(t) || v.label.equals(t)).findFirst();
    }

    /** Roles as an account stores them (names in a text array); a name no longer known is passed over. */
    public static Set<Role> parseAll(String[] stored) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : stored) {
            parse(r).ifPresent(roles::add);
        }
        return roles;
    }
}
