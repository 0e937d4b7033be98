package io.minyi.platform;

import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * What the parameter sanity filter refuses in a request's parameters, in one place for the filters that check it
 * (the web module's filter for every request, the rating form's own path before it; decision 0061).
 */
public final class ParameterChecks {

    private ParameterChecks() {
    }

    /** @return why the parameters carry a NUL character (for the log, no value in it), or null when none does */
    public static @Nullable String nulIn(Map<String, String[]> parameters) {
        for (var e : parameters.entrySet()) {
            if (e.getKey().indexOf('\0') >= 0) {
                return "NUL in a parameter name";
            }
            for (String v : e.getValue()) {
                if (v != null && v.indexOf('\0') >= 0) {
                    return "NUL in parameter " + e.getKey().replaceAll("[^A-Za-z0-9_.-]", "?");
                }
            }
        }
        return null;
    }
}
