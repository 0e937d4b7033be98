package io.minyi.platform;

import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * An enum constant's name for people, from the bundle of the module that owns the enum, in the reader's language:
 * {@code io.minyi.org.Role.ADMIN} → {@code org.role.ADMIN}. Templates call it as {@code ${@labels.of(x)}}. A missing
 * key shows the constant's name rather than failing the page; {@code EnumLabelsTests} keeps the keys complete.
 */
@Component("labels")
@RequiredArgsConstructor
public class EnumLabels {

    private final MessageSource messages;

    public String of(Enum<?> value) {
        return value == null ? "" : of(value, LocaleContextHolder.getLocale());
    }

    public String of(Enum<?> value, Locale locale) {
        return messages.getMessage(key(value), null, value.name(), locale);
    }

    /** {@code <module>.<enumTypeInLowerCamelCase>.<CONSTANT>}. */
    public static String key(Enum<?> value) {
        Class<?> type = value.getDeclaringClass();
        String pkg = type.getPackageName();
        String module = pkg.startsWith("io.minyi.") ? pkg.substring("io.minyi.".length()).split("\\.")[0] : pkg;
        String name = type.getSimpleName();
        return module + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "." + value.name();
    }
}
