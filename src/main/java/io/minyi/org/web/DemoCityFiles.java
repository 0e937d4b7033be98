package io.minyi.org.web;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.StaffUser;
import io.minyi.platform.fields.Problems;
import io.minyi.platform.fields.Xlsx;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The demo city written as an administrator would write it from import files: each kind's own field specification,
 * checks and SQL ({@link OrgKind#prepare}), one audit event per file (decision 0026). Nothing here knows the demo
 * city's shape; {@code org.DemoCity} plans the rows.
 */
@Component
public class DemoCityFiles {

    private final Map<String, OrgKind<?, ?>> kinds = new HashMap<>();
    private final AuditTrail audit;
    private final MessageSource messages;

    DemoCityFiles(List<OrgKind<?, ?>> kinds, AuditTrail audit, MessageSource messages) {
        kinds.forEach(k -> this.kinds.put(k.path(), k));
        this.audit = audit;
        this.messages = messages;
    }

    /**
     * Checks and writes the rows of one kind ({@code jurisdictions}, {@code units}, {@code officers}, {@code staff},
     * {@code grids}), cells in the order of the kind's import template, inside the caller's transaction. A row the
     * kind refuses is a bug in the plan, so it fails start-up with the problems rather than leave half a city.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int write(StaffUser as, String kindPath, List<List<String>> rows) {
        OrgKind<?, ?> kind = kinds.get(kindPath);
        if (kind == null) {
            throw new IllegalArgumentException("no organisation kind " + kindPath);
        }
        List<Xlsx.SheetRow> sheet = IntStream.range(0, rows.size())
                .mapToObj(i -> new Xlsx.SheetRow(i + 2, rows.get(i))).toList();
        Problems problems = Problems.ofSheet(messages, kind.spec());
        OrgKind.Batch batch = kind.prepare(as, sheet, problems, n -> {
        });
        if (batch == null || !problems.isEmpty()) {
            throw new IllegalStateException("demo city " + kindPath + " refused: " + problems.list());
        }
        batch.write().run();
        audit.recordAs(as.getUsername(), "ADMIN", AuditEntry.of(kind.auditAction("import"), kind.path(), "demo-city")
                .withChange(null, kind.importSummary(batch)));
        return batch.size();
    }
}
