package io.minyi.casework.internal;

import io.minyi.platform.CityLanguage;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The words the loop writes into a case's ledger when it moves (public notes, step comments, actor names): from the
 * casework bundle, in the city's language, because a step is written once for every later reader (decision 0039).
 * The aggregate reads the bundle file itself, so it stays a plain object that tests build without Spring.
 */
final class LoopWords {

    private static final ResourceBundleMessageSource BUNDLE = new ResourceBundleMessageSource();

    static {
        BUNDLE.setBasenames("messages/casework");
        BUNDLE.setDefaultEncoding("UTF-8");
        BUNDLE.setFallbackToSystemLocale(false);
    }

    private LoopWords() {
    }

    /** {@code casework.loop.<key>} with its arguments as they print. */
    static String of(String key, Object... args) {
        return CityLanguage.text(BUNDLE, "casework.loop." + key, args);
    }

    /** An enum's label as the casework bundle names it ({@code casework.satisfaction.SATISFIED}, …). */
    static String label(Enum<?> value) {
        return CityLanguage.text(BUNDLE, io.minyi.platform.EnumLabels.key(value));
    }

    /** ": comment", or nothing. */
    static String remark(String comment) {
        return comment == null || comment.isBlank() ? "" : of("remark", comment.strip());
    }
}
