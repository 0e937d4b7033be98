package io.minyi.casework.web;

import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * The casework enums (type, channel, risk, outcome, satisfaction, transfer target, ledger move) in the reader's
 * language: {@code casework.<enum>.<NAME>} from the bundles, else the enum's own Chinese label — so a value added to
 * an enum shows its label until someone translates it, never a missing-key marker.
 */
@Component("caseLabels")
@RequiredArgsConstructor
public class CaseLabels {

    private final MessageSource messages;

    public String of(Enum<?> value) {
        if (value == null) {
            return "";
        }
        String type = value.getDeclaringClass().getSimpleName();
        String key = "casework." + Character.toLowerCase(type.charAt(0)) + type.substring(1) + "." + value.name();
        String text = messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
        return text != null ? text : ownLabel(value);
    }

    private static String ownLabel(Enum<?> value) {
        try {
            return String.valueOf(value.getClass().getMethod("label").invoke(value));
        } catch (ReflectiveOperationException e) {
            return value.name().toLowerCase(Locale.ROOT);
        }
    }
}
