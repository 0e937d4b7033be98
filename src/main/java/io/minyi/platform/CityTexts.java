package io.minyi.platform;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * {@link CityLanguage} for beans: the texts a bean writes when no reader is at hand (a notice stored once for a whole
 * unit, an SMS, a case's content, an audit description), by their full bundle key, so that a key can be found where
 * it is used and {@code MessageBundlesTests} checks it exists in both bundles.
 */
@Component
public class CityTexts {

    private final MessageSource messages;

    CityTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The bundle text {@code key} in the city's language, its arguments as they print (see {@link CityLanguage}). */
    public String of(String key, Object... args) {
        return CityLanguage.text(messages, key, args);
    }
}
