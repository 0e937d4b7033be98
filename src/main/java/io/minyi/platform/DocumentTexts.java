package io.minyi.platform;

import org.springframework.context.MessageSource;

import java.util.Locale;

/**
 * The texts of one document (a PDF, a sheet) from the bundles: its keys under one prefix, in the language the document
 * is made in — the reader's (decision 0039). Made once per document, so the language is not handed to every line.
 */
public record DocumentTexts(MessageSource messages, String prefix, Locale locale) {

    /** {@code prefix + key} with its arguments. */
    public String of(String key, Object... args) {
        return messages.getMessage(prefix + key, args, locale);
    }

    /** A key outside the document's prefix (an enum's label, a status), in the document's language. */
    public String full(String key) {
        return messages.getMessage(key, null, locale);
    }
}
