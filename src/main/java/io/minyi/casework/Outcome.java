package io.minyi.casework;

/** How the unit concluded: clues are substantiated (fully or partly) or not, everything else is resolved or not. */
public enum Outcome {
    SUBSTANTIATED("查实", true), PARTLY_SUBSTANTIATED("部分查实", true), UNFOUNDED("查否", true),
    RESOLVED("已解决", false), UNRESOLVED("未解决", false);

    private final String label;
    private final boolean forClues;

    Outcome(String label, boolean forClues) {
        this.label = label;
        this.forClues = forClues;
    }

    public String label() {
        return label;
    }

    public boolean fits(CaseType type) {
        return forClues == (type == CaseType.CLUE);
    }

    /** Only a (partly) substantiated clue can lead to disciplinary action. */
    public boolean allowsDiscipline() {
        return this == SUBSTANTIATED || this == PARTLY_SUBSTANTIATED;
    }

    /** A clue's verdict: the verification is over, whatever it found. */
    public boolean decidesClue() {
        return forClues;
    }
}
