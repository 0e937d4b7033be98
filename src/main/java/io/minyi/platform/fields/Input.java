package io.minyi.platform.fields;

/**
 * How a form asks for a field, read from the field itself so that no form writes its rules a second time.
 *
 * @param type      the kind of control
 * @param maxLength the longest text the field's rule accepts (0: no limit a form should set)
 * @param min       the smallest number or the shortest text the rule accepts
 * @param max       the largest number the rule accepts
 * @param choices   the closed set of a choice field, else null
 * @param param     the form parameter when the form picks the value by another key than the field's text (a record
 *                  chosen from a list by id whose code the field holds); else the field's name
 * @param labelKey  the label when the control differs from the column (a list of records, not their code)
 * @param fixed     given when a record is made and never changed after: required then, read-only afterwards
 */
public record Input(Type type, int maxLength, int min, int max, Choices<?> choices, String param, String labelKey,
                    boolean fixed) {

    /** The controls a form has. */
    public enum Type {
        TEXT, EMAIL, NUMBER, PASSWORD,
        /** One of a closed set: a select. */
        CHOICE,
        /** Several of a closed set: a box each. */
        CHOICES,
        /** A list of keys in one text. */
        KEYS,
        /** A record chosen from a list the page offers, submitted by id under {@link Input#param}. */
        PICKED
    }

    static Input of(Type type, String name, int maxLength) {
        return new Input(type, maxLength, 0, 0, null, name, null, false);
    }

    Input withType(Type newType) {
        return new Input(newType, maxLength, min, max, choices, param, labelKey, fixed);
    }

    Input withRange(int newMin, int newMax) {
        return new Input(type, maxLength, newMin, newMax, choices, param, labelKey, fixed);
    }

    Input withChoices(Choices<?> newChoices) {
        return new Input(type, maxLength, min, max, newChoices, param, labelKey, fixed);
    }

    Input pickedBy(String newParam, String newLabelKey) {
        return new Input(Type.PICKED, maxLength, min, max, choices, newParam, newLabelKey, fixed);
    }

    Input labelled(String newLabelKey) {
        return new Input(type, maxLength, min, max, choices, param, newLabelKey, fixed);
    }

    Input fixedOnceMade() {
        return new Input(type, maxLength, min, max, choices, param, labelKey, true);
    }
}
