package io.minyi.survey.internal;

import io.minyi.platform.Phones;
import io.minyi.org.OrgDirectory;
import io.minyi.org.OrgRefs.UnitRef;
import io.minyi.platform.InvalidInputException;
import lombok.RequiredArgsConstructor;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessException;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The people to invite, read from the first sheet of an .xlsx: 姓名, 手机号, 单位编码 (optional), 渠道 (短信|电话).
 * Read as a stream of rows (POI's SAX reader over the file spooled to disk), never as a whole workbook in memory: a
 * list of 100,000 people is handed over in chunks as it is read. All or nothing: once a row is bad no more chunks
 * are handed over, the rest is still checked, and the file is refused with the row numbers (the first 20) — the
 * caller's transaction takes back the chunks already written.
 */
@RequiredArgsConstructor
final class PeopleSheet {

    record Person(String name, String phone, UnitRef unit, String channel) {
    }

    static final int CHUNK = 1_000;
    private static final int COLUMNS = 4;
    private static final int REPORTED_PROBLEMS = 20;

    private final OrgDirectory org;
    private final MessageSource messages;
    /** The sheet may have been filled in either language, whichever the reader chose. */
    private static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);
    private final Campaign campaign;
    // a sheet of 100,000 people names a few dozen units: look each code up once
    private final Map<String, Optional<UnitRef>> units = new HashMap<>();

    /** Reads the sheet, handing the people to {@code chunks} {@value #CHUNK} at a time; returns how many. */
    int read(InputStream xlsx, int maxRows, Consumer<List<Person>> chunks) {
        Rows rows = new Rows(maxRows, chunks);
        Path spool = null;
        try {
            // a file, not a stream: the package is then read entry by entry instead of unpacked into memory
            spool = Files.createTempFile("minyi-survey-import-", ".xlsx");
            Files.copy(xlsx, spool, StandardCopyOption.REPLACE_EXISTING);
            parse(spool, rows);
        } catch (InvalidInputException | DataAccessException e) {
            throw e; // a refused file, or the writing of a chunk failed: not a file problem
        } catch (SAXException e) {
            if (e.getException() instanceof InvalidInputException || e.getException() instanceof DataAccessException) {
                throw (RuntimeException) e.getException();
            }
            throw new InvalidInputException("survey.error.importFile");
        } catch (IOException | OpenXML4JException | ParserConfigurationException | RuntimeException e) {
            throw new InvalidInputException("survey.error.importFile");
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the temporary directory
                }
            }
        }
        return rows.finish();
    }

    private static void parse(Path file, SheetContentsHandler rows)
            throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new InvalidInputException("survey.error.importFile");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                // the same formatting as a cell read from a workbook: a phone typed as a number reads as its digits
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, rows,
                        new DataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        } finally {
            pkg.revert(); // read-only: nothing to save
        }
    }

    /** Receives the sheet's rows one by one (the first row is the header). */
    private final class Rows implements SheetContentsHandler {
        private final int maxRows;
        private final Consumer<List<Person>> chunks;
        private final List<String> problems = new ArrayList<>();
        private final String[] cells = new String[COLUMNS];
        private List<Person> chunk = new ArrayList<>(CHUNK);
        private int nextColumn;
        private int people;
        private int dataRows;

        Rows(int maxRows, Consumer<List<Person>> chunks) {
            this.maxRows = maxRows;
            this.chunks = chunks;
        }

        @Override
        public void startRow(int rowNum) {
            Arrays.fill(cells, "");
            nextColumn = 0;
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            // a cell without a reference (some writers leave it out) follows the one before it
            int column = cellReference == null ? nextColumn : new CellReference(cellReference).getCol();
            nextColumn = column + 1;
            if (column < COLUMNS) {
                cells[column] = formattedValue == null ? "" : formattedValue;
            }
        }

        @Override
        public void endRow(int rowNum) {
            if (rowNum == 0 || cells[1].isBlank()) {
                return;
            }
            if (++dataRows > maxRows) {
                throw new InvalidInputException("survey.error.importTooLarge");
            }
            Optional<Person> person = person(cells);
            if (person.isEmpty()) {
                problems.add(rowProblem(rowNum + 1));
                chunk.clear();
                return;
            }
            people++;
            if (problems.isEmpty()) {
                chunk.add(person.get());
                if (chunk.size() == CHUNK) {
                    flush();
                }
            }
        }

        private void flush() {
            if (!chunk.isEmpty()) {
                chunks.accept(List.copyOf(chunk));
                chunk = new ArrayList<>(CHUNK);
            }
        }

        int finish() {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems.size() > REPORTED_PROBLEMS
                        ? problems.subList(0, REPORTED_PROBLEMS) : problems);
            }
            if (people == 0) {
                throw new InvalidInputException("survey.error.importEmpty");
            }
            flush();
            return people;
        }
    }

    /** Empty when the row is wrong: no valid phone, a name over 50, a unit code outside the campaign, a bad channel. */
    private Optional<Person> person(String[] cells) {
        String name = cells[0].strip();
        String phone = Phones.digits(cells[1]).orElse(null);
        String code = cells[2].strip();
        String channelText = cells[3].strip();
        UnitRef unit = code.isEmpty() ? null : unit(code);
        String channel = channelText.isEmpty() ? "SMS" : channelOf(channelText);
        if (phone == null || name.length() > 50 || (!code.isEmpty() && unit == null) || channel == null) {
            return Optional.empty();
        }
        return Optional.of(new Person(name.isEmpty() ? null : name, phone, unit, channel));
    }

    /** The channel column's word, in either language (短信 / SMS, 电话 / phone) or the code itself; null if none. */
    private String channelOf(String text) {
        for (String code : List.of("SMS", "PHONE")) {
            if (text.equalsIgnoreCase(code) || LANGUAGES.stream().anyMatch(l -> text.equalsIgnoreCase(
                    messages.getMessage("survey.import.channelWord." + code, null, l)))) {
                return code;
            }
        }
        return null;
    }

    private UnitRef unit(String code) {
        return units.computeIfAbsent(code, c -> org.unitByCode(c)
                .filter(u -> u.jurisdictionPath().startsWith(campaign.jurisdictionPath()))
                .filter(u -> campaign.unitIds().isEmpty() || campaign.unitIds().contains(u.id()))).orElse(null);
    }

    private String rowProblem(int rowNumber) {
        // as text: a number argument would be grouped ("第 1,502 行")
        return messages.getMessage("survey.error.importRow", new Object[]{String.valueOf(rowNumber)},
                LocaleContextHolder.getLocale());
    }
}
