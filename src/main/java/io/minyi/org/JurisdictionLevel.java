package io.minyi.org;

/** The four levels of the tree, top to bottom. */
public enum JurisdictionLevel {
    CITY("市"), COUNTY("县（区）"), TOWNSHIP("乡镇（街道）"), VILLAGE("村（社区）");

    private final String label;

    JurisdictionLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The level a child of this level must have; a village has no child jurisdiction (grids hang under it). */
    public JurisdictionLevel childLevel() {
        return this == VILLAGE ? null : values()[ordinal() + 1];
    }
}
