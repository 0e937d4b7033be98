package io.minyi.platform;

import java.util.List;

/** Input a person can correct: HTTP 400 with every problem listed, in Chinese. */
public class InvalidInputException extends RuntimeException {

    private final List<String> problems;

    public InvalidInputException(List<String> problems) {
        super(String.join("；", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
