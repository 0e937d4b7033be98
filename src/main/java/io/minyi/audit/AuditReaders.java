package io.minyi.audit;

import java.util.List;

/**
 * Which audit events the signed-in reader may list: those of the reader's jurisdiction, none about the reader's own
 * officer (issue 18). The organisation model knows the reader's scope, so it provides this; the audit trail only
 * applies it. An SQL condition over the {@code audit_event} columns, with positional parameters.
 */
public interface AuditReaders {

    Visible visibleToCurrentReader();

    record Visible(String sql, List<Object> args) {
        public static final Visible NOTHING = new Visible("false", List.of());
        public static final Visible EVERYTHING = new Visible("true", List.of());

        public Visible {
            args = List.copyOf(args);
        }
    }
}
