package io.minyi.dispute.internal;

import io.minyi.audit.AuditEntry;
import io.minyi.audit.AuditTrail;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.JurisdictionRef;
import io.minyi.platform.EnumLabels;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the organisations and the mediator pool. One field specification per kind ({@link #mediator}) serves the
 * form, the sheet import and the demo loader, so a field rule is written once.
 */
@Service
@RequiredArgsConstructor
public class PoolAdmin {

    /** The sheet's columns, headed by dispute.mediatorSheet.col.* in the reader's language; read back by position. */
    static final List<String> MEDIATOR_COLUMNS = List.of("code", "name", "kind", "orgCode", "phone", "specialties",
            "servedCodes", "active");
    /** A sheet may come back in either language, whichever its writer read the pages in. */
    private static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    private final MediatorPool pool;
    private final Disputes disputes;
    private final OrgDirectory org;
    private final AuditTrail audit;
    private final MessageSource messages;

    public record OrgInput(String code, String name, OrgKind kind, Long jurisdictionId, Long headStaffId) {
    }

    /** Specialties and served places as lists; served places are jurisdiction codes. */
    public record MediatorInput(String code, String name, MediatorKind kind, String orgCode, String phone,
                                List<String> specialties, List<String> servedCodes, boolean active, Long staffId) {
    }

    @Transactional
    public long saveOrg(OrgInput in, String scopePattern) {
        List<String> problems = new ArrayList<>();
        if (in.code() == null || !in.code().strip().matches("[A-Za-z0-9-]{1,30}")) {
            problems.add("dispute.invalid.orgCode");
        }
        if (in.name() == null || in.name().isBlank() || in.name().length() > 100) {
            problems.add("dispute.invalid.orgName");
        }
        if (in.kind() == null) {
            problems.add("dispute.invalid.orgKind");
        }
        JurisdictionRef j = in.jurisdictionId() == null ? null : org.jurisdiction(in.jurisdictionId())
                .filter(x -> x.path().startsWith(scopePattern.substring(0, scopePattern.length() - 1))).orElse(null);
        if (j == null) {
            problems.add("dispute.invalid.jurisdiction");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = pool.upsertOrg(in.code().strip(), in.name().strip(), in.kind(), j.id(), j.path(), in.headStaffId(), true);
        audit.record(AuditEntry.of("dispute.mediation_org.save", "mediation_org", id).withChange(null, in.code() + " " + in.name()));
        return id;
    }

    @Transactional
    public long saveMediator(MediatorInput in, String scopePattern) {
        List<String> problems = new ArrayList<>();
        long id = mediator(in, scopePattern, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return id;
    }

    /** Validates and stores one mediator; problems are appended (nothing stored when there are any). */
    long mediator(MediatorInput in, String scopePattern, List<String> problems) {
        int before = problems.size();
        if (in.code() == null || !in.code().strip().matches("[A-Za-z0-9-]{1,30}")) {
            problems.add("dispute.invalid.mediatorCode");
        }
        if (in.name() == null || in.name().isBlank() || in.name().length() > 50) {
            problems.add("dispute.invalid.mediatorName");
        }
        if (in.kind() == null) {
            problems.add("dispute.invalid.mediatorKind");
        }
        String prefix = scopePattern.substring(0, scopePattern.length() - 1);
        MediatorPool.Org o = in.orgCode() == null ? null : pool.orgByCode(in.orgCode().strip())
                .filter(x -> x.jurisdictionPath().startsWith(prefix)).orElse(null);
        if (o == null) {
            problems.add("dispute.invalid.org");
        }
        String phone = in.phone() == null || in.phone().isBlank() ? null : in.phone().replaceAll("[\\s()\\-+]", "");
        if (phone != null && !phone.matches("\\d{7,15}")) {
            problems.add("dispute.invalid.phone");
        }
        Set<String> known = disputes.categories().stream().map(Disputes.Category::name).collect(Collectors.toSet());
        List<String> specialties = in.specialties() == null ? List.of()
                : in.specialties().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if (!known.containsAll(specialties)) {
            problems.add("dispute.invalid.specialty");
        }
        List<String> served = new ArrayList<>();
        for (String code : in.servedCodes() == null ? List.<String>of() : in.servedCodes()) {
            if (code.isBlank()) {
                continue;
            }
            var j = org.jurisdictionByCode(code.strip()).filter(x -> x.path().startsWith(prefix));
            if (j.isEmpty()) {
                problems.add("dispute.invalid.servedPlace");
                break;
            }
            served.add(j.get().path());
        }
        if (problems.size() > before) {
            return -1;
        }
        if (served.isEmpty()) {
            served.add(o.jurisdictionPath()); // by default a mediator serves the organisation's own area
        }
        long id = pool.upsertMediator(in.code().strip(), in.name().strip(), in.kind(), o.id(), in.staffId(), phone,
                specialties, served, in.active());
        audit.record(AuditEntry.of("dispute.mediator.save", "mediator", id).withChange(null, in.code() + " " + in.name()));
        return id;
    }

    /** The pool under the scope as a sheet in the same columns the import reads. */
    @Transactional(readOnly = true)
    public byte[] export(String scopePattern, Locale locale) {
        String separator = word("listSeparator", locale);
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(word("sheet", locale));
            Row head = sheet.createRow(0);
            for (int i = 0; i < MEDIATOR_COLUMNS.size(); i++) {
                head.createCell(i).setCellValue(word("col." + MEDIATOR_COLUMNS.get(i), locale));
            }
            int r = 1;
            for (int offset = 0; ; offset += 1000) {
                List<MediatorPool.Mediator> page = pool.mediatorsWithin(scopePattern, 1000, offset);
                for (MediatorPool.Mediator m : page) {
                    Row row = sheet.createRow(r++);
                    row.createCell(0).setCellValue(m.code());
                    row.createCell(1).setCellValue(m.name());
                    row.createCell(2).setCellValue(messages.getMessage(EnumLabels.key(m.kind()), null, locale));
                    row.createCell(3).setCellValue(pool.org(m.orgId()).map(MediatorPool.Org::code).orElse(""));
                    row.createCell(4).setCellValue(m.phone() == null ? "" : m.phone());
                    row.createCell(5).setCellValue(String.join(separator, m.specialties()));
                    row.createCell(6).setCellValue(m.servedPaths().stream().map(this::codeOfPath)
                            .collect(Collectors.joining(separator)));
                    row.createCell(7).setCellValue(word(m.active() ? "yes" : "no", locale));
                }
                if (page.size() < 1000) {
                    break;
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports a sheet in the export's columns: all rows or none (the errors name the rows). */
    @Transactional
    public int importSheet(byte[] xlsx, String scopePattern, Locale locale) {
        List<String> rowsWithProblems = new ArrayList<>();
        int n = 0;
        try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || fmt.formatCellValue(row.getCell(0)).isBlank()) {
                    continue;
                }
                List<String> problems = new ArrayList<>();
                String kind = fmt.formatCellValue(row.getCell(2)).strip();
                MediatorKind k = Arrays.stream(MediatorKind.values())
                        .filter(x -> x.label().equals(kind) || x.name().equals(kind) || LANGUAGES.stream()
                                .anyMatch(l -> kind.equalsIgnoreCase(messages.getMessage(EnumLabels.key(x), null, l))))
                        .findFirst().orElse(null);
                String active = fmt.formatCellValue(row.getCell(7)).strip();
                mediator(new MediatorInput(fmt.formatCellValue(row.getCell(0)), fmt.formatCellValue(row.getCell(1)), k,
                        fmt.formatCellValue(row.getCell(3)), fmt.formatCellValue(row.getCell(4)),
                        split(fmt.formatCellValue(row.getCell(5))), split(fmt.formatCellValue(row.getCell(6))),
                        LANGUAGES.stream().noneMatch(l -> active.equalsIgnoreCase(word("no", l))), null),
                        scopePattern, problems);
                if (!problems.isEmpty()) {
                    // as text: a number argument would be grouped ("row 1,502")
                    rowsWithProblems.add(messages.getMessage("dispute.mediatorSheet.row",
                            new Object[]{String.valueOf(r + 1)}, locale));
                }
                n++;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw new InvalidInputException("dispute.invalid.sheet");
        }
        if (!rowsWithProblems.isEmpty()) {
            // the exception rolls back the rows already stored: all or none
            throw new InvalidInputException(List.of("dispute.invalid.rowsRejected",
                    String.join(word("listSeparator", locale), rowsWithProblems)));
        }
        return n;
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of()
                : Arrays.stream(s.split("[、,，;；|]")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** dispute.mediatorSheet.&lt;key&gt; in the given language. */
    private String word(String key, Locale locale) {
        return messages.getMessage("dispute.mediatorSheet." + key, null, locale);
    }

    private String codeOfPath(String path) {
        String[] parts = path.split("/");
        return org.jurisdiction(Long.parseLong(parts[parts.length - 1])).map(JurisdictionRef::code).orElse("");
    }
}
