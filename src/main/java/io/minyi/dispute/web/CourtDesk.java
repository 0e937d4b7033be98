package io.minyi.dispute.web;

import io.minyi.org.OrgDirectory;
import io.minyi.org.Role;
import io.minyi.org.StaffUser;
import io.minyi.org.UnitKind;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Who receives applications for judicial confirmation: the staff of a court or a people's tribunal. The console's menu
 * and the home page's to-do ask it, so that the staff of a police station or a justice bureau are not shown a court's
 * inbox that can never hold anything for them (the menu through {@link CourtInboxAdvice}).
 */
@Component
@RequiredArgsConstructor
class CourtDesk {

    private final OrgDirectory org;

    boolean receivesConfirmations(StaffUser me) {
        return me.hasAny(Role.UNIT_HANDLER, Role.UNIT_LEADER)
                && org.unit(me.unitId()).filter(u -> u.is(UnitKind.PEOPLES_TRIBUNAL, UnitKind.COURT)).isPresent();
    }
}
