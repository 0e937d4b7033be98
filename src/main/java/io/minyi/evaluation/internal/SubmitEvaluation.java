package io.minyi.evaluation.internal;

import io.minyi.platform.Photos;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The resident's submission: checks everything before anything is stored (so a refusal leaves nothing behind),
 * cleans the photos, and hands the evaluation to the group-commit writer.
 */
@Component
@RequiredArgsConstructor
public class SubmitEvaluation {

    public static final int MAX_COMMENT = 500;
    public static final int MAX_CLUE = 2000;
    public static final int MAX_PHOTOS = 3;
    private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}");
    /** Compiled once: {@code String.replaceAll} compiles its pattern on every call, twice per submission. */
    private static final Pattern PHONE_NOISE = Pattern.compile("[\\s()]");

    private final EvaluationProperties properties;
    private final SubmissionWriter writer;
    private final SourceKeys sourceKeys;
    private final Clock clock;
    private final Photos photoCleaner;
    private final BurstDetector bursts;

    /** The phone as it will be stored, or empty if none was given; for the rate limit before full validation. */
    public static Optional<String> normalisedPhone(String phone) {
        if (phone == null || phone.isEmpty()) {
            return Optional.empty();
        }
        String p = PHONE_NOISE.matcher(phone).replaceAll("");
        return p.isEmpty() ? Optional.empty() : Optional.of(p);
    }

    /**
     * @throws InvalidInputException with message keys when anything is wrong; nothing is stored then
     */
    public Receipt submit(Target target, EvaluationInput in, String deviceId, String address) {
        List<String> problems = new ArrayList<>();
        UUID key = parseKey(in.idempotencyKey());
        if (key == null) {
            problems.add("evaluation.error.key");
        }
        Optional<Rating> overall = Rating.parse(in.overall());
        if (overall.isEmpty()) {
            problems.add("evaluation.error.overall");
        }
        Map<String, Rating> ratings = new HashMap<>();
        for (var d : properties.dimensionsFor(target.isOfficer())) {
            String given = in.ratings().get(d.key());
            if (given == null || given.isBlank()) {
                continue;
            }
            Rating.parse(given).ifPresentOrElse(r -> ratings.put(d.key(), r),
                    () -> problems.add("evaluation.error.rating"));
        }
        String comment = blankToNull(in.comment());
        if (comment != null && comment.length() > MAX_COMMENT) {
            problems.add("evaluation.error.commentTooLong");
        }
        String clue = blankToNull(in.clue());
        if (clue != null && clue.length() > MAX_CLUE) {
            problems.add("evaluation.error.clueTooLong");
        }
        String phone = normalisedPhone(in.phone()).orElse(null);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add("evaluation.error.phone");
        }
        if (phone != null && !in.consent()) {
            problems.add("evaluation.error.consent");
        }
        List<byte[]> uploads = in.photos().stream().filter(b -> b != null && b.length > 0).toList();
        if (uploads.size() > MAX_PHOTOS) {
            problems.add("evaluation.error.tooManyPhotos");
        }
        if (!uploads.isEmpty() && clue == null) {
            problems.add("evaluation.error.photosWithoutClue");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<Photos.Photo> photos = new ArrayList<>();
        for (byte[] upload : uploads) {
            photos.add(photoCleaner.clean(upload).orElseThrow(() -> new InvalidInputException("evaluation.error.notAPhoto")));
        }
        Instant now = clock.instant();
        String addressKey = sourceKeys.of("address", address);
        String burst = bursts.observe(target.id(), addressKey,
                sourceKeys.of("prefix", BurstDetector.prefixOf(address)), now);
        Submission submission = new Submission(key, target, overall.orElseThrow(),
                ratings, comment, phone, clue, photos, sourceKeys.of("device", deviceId),
                sourceKeys.of("phone", phone), addressKey, now,
                now.atZone(clock.getZone()).toLocalDate(), burst);
        return writer.submit(submission);
    }

    private static UUID parseKey(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
