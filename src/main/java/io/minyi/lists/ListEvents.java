package io.minyi.lists;

import java.time.LocalDate;

/**
 * What the three lists tell the rest of the system, so that an item with a deadline is chased by supervision's one
 * ladder (提醒函 → 督办函 → 通报) exactly like a dispatched case (decision 0022). Ids and enums only, besides the title
 * the letters quote.
 */
public final class ListEvents {

    private ListEvents() {
    }

    /** 问题清单 / 任务清单 / 责任清单. */
    public enum ListKind { PROBLEM, TASK, RESPONSIBILITY }

    /**
     * The item is with its owner unit and runs against {@code deadline}: published when it is issued and again when a
     * strike-off request is sent back (the owner owes work again).
     */
    public record ListItemScheduled(long itemId, ListKind kind, String title, long ownerUnitId,
                                    long issuingJurisdictionId, LocalDate deadline) {
    }

    /** The owner asked to strike the item off with evidence: the issuing level owes the next move, not the owner. */
    public record ListItemReported(long itemId) {
    }

    /**
     * Struck off (销号) by the issuing level: no more letters about it. The issuing jurisdiction travels along so that
     * a strike-off arriving before the item's issue is still kept in the right city (decision 0044).
     */
    public record ListItemStruckOff(long itemId, long issuingJurisdictionId) {
    }
}
