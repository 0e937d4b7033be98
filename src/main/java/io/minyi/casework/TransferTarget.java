package io.minyi.casework;

/** Where a case can be handed over outside the loop. */
public enum TransferTarget {
    HOTLINE("12345政务服务便民热线"), DISCIPLINE("纪检监察机关");

    private final String label;

    TransferTarget(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
