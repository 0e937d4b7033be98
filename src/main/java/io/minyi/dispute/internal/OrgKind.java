package io.minyi.dispute.internal;

/** 调解组织类别. */
public enum OrgKind implements Labelled {
    VILLAGE_COMMITTEE("村（居）人民调解委员会"),
    TOWNSHIP_COMMITTEE("乡镇（街道）人民调解委员会"),
    PROFESSIONAL("行业性专业性调解委员会"),
    COURT_PRELITIGATION("诉前调解"),
    CHAMBER("商会调解室"),
    DEPUTIES_ROOM("代表委员调解室");

    private final String label;

    OrgKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
