package io.minyi.casework;

/**
 * How the unit concluded: clues are substantiated (fully or partly) or not, everything else is resolved or not.
 * People read it as {@code casework.outcome.<OUTCOME>}.
 */
public enum Outcome {
    SUBSTANTIATED(true), PARTLY_SUBSTANTIATED(true), UNFOUNDED(true), RESOLVED(false), UNRESOLVED(false);

    private final boolean forClues;

    Outcome(boolean forClues) {
        this.forClues = forClues;
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
