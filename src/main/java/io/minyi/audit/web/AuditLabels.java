package io.minyi.audit.web;

import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The audit trail in words an administrator reads: actions, record kinds and roles through the message bundles
 * ({@code audit.action.*}, {@code audit.type.*}, {@code audit.role.*}), addresses as IPv4 where they were. Action names
 * come from every module and change as modules grow, so an action without a label falls back to its module's label
 * (the first part of the name, {@code audit.module.*}) and the name itself — never a blank cell.
 */
@Component("auditLabels")
@RequiredArgsConstructor
public class AuditLabels {

    private final MessageSource messages;

    public String action(String action) {
        // labels may be keyed by the current name or by a name the action had before decision 0025
        for (String name : io.minyi.audit.AuditActions.storedAs(action)) {
            String label = msg("audit.action." + name);
            if (label != null) {
                return label;
            }
        }
        String module = module(action);
        String moduleLabel = module == null ? null : msg("audit.module." + module);
        return moduleLabel == null ? action : moduleLabel + " · " + action;
    }

    public String recordType(String type) {
        String label = msg("audit.type." + type);
        return label == null ? type : label;
    }

    public String roles(String roles) {
        if (roles == null || roles.isBlank()) {
            return "";
        }
        return Arrays.stream(roles.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                .map(r -> {
                    String label = msg("audit.role." + r);
                    return label == null ? r : label;
                }).collect(Collectors.joining("、"));
    }

    /** An IPv4 client seen through an IPv6 socket ("::ffff:10.1.2.3") is shown as the IPv4 address it was. */
    public String address(String address) {
        if (address == null) {
            return "";
        }
        String a = address.strip();
        String lower = a.toLowerCase(Locale.ROOT);
        for (String prefix : new String[]{"::ffff:", "0:0:0:0:0:ffff:"}) {
            if (lower.startsWith(prefix) && a.substring(prefix.length()).matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return a.substring(prefix.length());
            }
        }
        if (lower.equals("0:0:0:0:0:0:0:1") || lower.equals("::1")) {
            return "::1";
        }
        return a;
    }

    /** "case.merge" → "case", "STAFF_LOGIN" → "staff": the module part of an action name. */
    static String module(String action) {
        if (action == null || action.isBlank()) {
            return null;
        }
        int dot = action.indexOf('.');
        int cut = dot > 0 ? dot : action.indexOf('_');
        return (cut > 0 ? action.substring(0, cut) : action).toLowerCase(Locale.ROOT);
    }

    private String msg(String key) {
        return messages.getMessage(key, null, null, LocaleContextHolder.getLocale());
    }
}
