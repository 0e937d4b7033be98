package io.minyi.survey.internal;

import io.minyi.platform.Phones;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.platform.InvalidInputException;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people to invite, read from the first sheet of an .xlsx: 姓名, 手机号, 单位编码 (optional), 渠道 (短信|电话).
 * All or nothing: any bad row refuses the file with the row numbers (the first 20).
 */
final class PeopleSheet {

    record Person(String name, String phone, UnitRef unit, String channel) {
    }

    private final OrgDirectory org;
    private final MessageSource messages;
    private final Campaign campaign;
    private final DataFormatter fmt = new DataFormatter();
    // a sheet of 100,000 people names a few dozen units: look each code up once
    private final Map<String, Optional<UnitRef>> units = new HashMap<>();

    PeopleSheet(OrgDirectory org, MessageSource messages, Campaign campaign) {
        this.org = org;
        this.messages = messages;
        this.campaign = campaign;
    }

    List<Person> read(InputStream xlsx, int maxRows) {
        List<Person> people = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Workbook wb = WorkbookFactory.create(xlsx)) {
            Sheet sheet = wb.getSheetAt(0);
            if (sheet.getLastRowNum() > maxRows) {
                throw new InvalidInputException("survey.error.importTooLarge");
            }
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || text(row, 1).isBlank()) {
                    continue;
                }
                person(row).ifPresentOrElse(people::add, () -> problems.add(rowProblem(row.getRowNum() + 1)));
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("survey.error.importFile");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.size() > 20 ? problems.subList(0, 20) : problems);
        }
        if (people.isEmpty()) {
            throw new InvalidInputException("survey.error.importEmpty");
        }
        return people;
    }

    /** Empty when the row is wrong: no valid phone, a name over 50, a unit code outside the campaign, a bad channel. */
    private Optional<Person> person(Row row) {
        String name = text(row, 0).strip();
        String phone = Phones.digits(text(row, 1)).orElse(null);
        String code = text(row, 2).strip();
        String channelText = text(row, 3).strip();
        UnitRef unit = code.isEmpty() ? null : unit(code);
        String channel = channelText.isEmpty() || channelText.equals("短信") || channelText.equalsIgnoreCase("SMS") ? "SMS"
                : channelText.equals("电话") || channelText.equalsIgnoreCase("PHONE") ? "PHONE" : null;
        if (phone == null || name.length() > 50 || (!code.isEmpty() && unit == null) || channel == null) {
            return Optional.empty();
        }
        return Optional.of(new Person(name.isEmpty() ? null : name, phone, unit, channel));
    }

    private UnitRef unit(String code) {
        return units.computeIfAbsent(code, c -> org.unitByCode(c)
                .filter(u -> u.jurisdictionPath().startsWith(campaign.jurisdictionPath()))
                .filter(u -> campaign.unitIds().isEmpty() || campaign.unitIds().contains(u.id()))).orElse(null);
    }

    private String text(Row row, int column) {
        return fmt.formatCellValue(row.getCell(column));
    }

    private String rowProblem(int rowNumber) {
        return messages.getMessage("survey.error.importRow", new Object[]{rowNumber}, LocaleContextHolder.getLocale());
    }
}
