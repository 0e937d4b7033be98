package io.minyi.platform.fields;

import io.minyi.platform.InvalidInputException;

import java.util.List;
import java.util.Map;

/** Input a person can correct, with each problem also filed under the form parameter of its field. */
public class InvalidFieldsException extends InvalidInputException {

    private final transient Map<String, List<String>> byField;

    InvalidFieldsException(List<String> problems, Map<String, List<String>> byField) {
        super(problems);
        this.byField = Map.copyOf(byField);
    }

    /** Field name → its problems, for those reported about a field. */
    public Map<String, List<String>> byField() {
        return byField;
    }
}
