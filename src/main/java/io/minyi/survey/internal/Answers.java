package io.minyi.survey.internal;

import io.minyi.platform.InvalidInputException;
import io.minyi.survey.internal.Campaign.Question;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a filled-in questionnaire from request parameters ({@code q<id>}, several values for multiple choice) and
 * stores it. The same rules serve the resident's own link and the staff member's telephone form.
 */
@Component
@RequiredArgsConstructor
class Answers {

    record Answer(Question question, List<String> choice, Integer scale, String text) {
    }

    private final JdbcClient jdbc;

    /** Every scored question (one with an indicator) must be answered; the rest may be left empty. */
    List<Answer> read(List<Question> questions, Map<String, String[]> params) {
        List<String> problems = new ArrayList<>();
        List<Answer> out = new ArrayList<>();
        for (Question q : questions) {
            String[] raw = params.getOrDefault("q" + q.id(), new String[0]);
            List<String> values = Arrays.stream(raw).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (values.isEmpty()) {
                if (q.indicator() != null) {
                    problems.add("survey.error.answerMissing");
                }
                continue;
            }
            switch (q.kind()) {
                case SINGLE, MULTIPLE -> {
                    boolean tooMany = q.kind() == Campaign.QuestionKind.SINGLE && values.size() > 1;
                    if (tooMany || !q.options().containsAll(values)) {
                        problems.add("survey.error.answerChoice");
                    } else {
                        out.add(new Answer(q, values.stream().distinct().toList(), null, null));
                    }
                }
                case SCALE -> {
                    Integer scale = values.size() == 1 && values.getFirst().matches("[1-5]")
                            ? Integer.valueOf(values.getFirst()) : null;
                    if (scale == null) {
                        problems.add("survey.error.answerScale");
                    } else {
                        out.add(new Answer(q, List.of(), scale, null));
                    }
                }
                case TEXT -> {
                    String text = String.join(" ", values);
                    if (text.length() > 1000) {
                        problems.add("survey.error.answerText");
                    } else {
                        out.add(new Answer(q, List.of(), null, text));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream().distinct().toList());
        }
        return out;
    }

    void store(long invitationId, List<Answer> answers) {
        for (Answer a : answers) {
            jdbc.sql("""
                            INSERT INTO survey_answer (invitation_id, question_id, choice, scale, text)
                            VALUES (?,?,?::text[],?,?) ON CONFLICT (invitation_id, question_id, city_id) DO UPDATE
                            SET choice = EXCLUDED.choice, scale = EXCLUDED.scale, text = EXCLUDED.text""")
                    .params(invitationId, a.question().id(), Campaigns.pgArray(a.choice()), a.scale(), a.text())
                    .update();
        }
    }
}
