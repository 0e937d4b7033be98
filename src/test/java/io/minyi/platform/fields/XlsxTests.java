package io.minyi.platform.fields;

import io.minyi.platform.InvalidInputException;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XlsxTests {

    @Test
    void rows_keep_their_excel_numbers_and_empty_cells_keep_their_columns() throws Exception {
        byte[] file;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("s");
            sheet.createRow(0).createCell(0).setCellValue("警号*");
            var row = sheet.createRow(4);
            row.createCell(0).setCellValue(100001);
            row.createCell(2).setCellValue("  U-0001-10 ");
            wb.write(out);
            file = out.toByteArray();
        }
        List<Xlsx.SheetRow> rows = Xlsx.read(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).number()).isEqualTo(5);
        assertThat(rows.get(1).cell(0)).isEqualTo("100001");
        assertThat(rows.get(1).cell(1)).isEmpty();
        assertThat(rows.get(1).cell(2)).isEqualTo("U-0001-10");
        assertThat(rows.get(1).cell(9)).isEmpty();
    }

    @Test
    void anything_but_an_xlsx_workbook_is_refused_in_chinese() {
        for (byte[] content : List.of(new byte[0], "PK".getBytes(StandardCharsets.UTF_8),
                "警号,姓名".getBytes(StandardCharsets.UTF_8), new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0})) {
            assertThatThrownBy(() -> Xlsx.read(content)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("platform.xlsx.notXlsx");
        }
    }

    @Test
    void a_written_workbook_reads_back_with_its_notes_sheet() {
        byte[] file = Xlsx.write("干警", List.of("警号", "姓名"), List.of(List.of("1", "张三"), List.of(2, "李四")),
                "说明", List.of("说明一行"));
        List<Xlsx.SheetRow> rows = Xlsx.read(file);
        assertThat(rows).extracting(r -> r.cell(1)).containsExactly("姓名", "张三", "李四");
        assertThat(rows.get(2).cell(0)).isEqualTo("2");
    }

    @Test
    void column_names_are_excel_letters() {
        assertThat(Xlsx.columnName(0)).isEqualTo("A");
        assertThat(Xlsx.columnName(2)).isEqualTo("C");
        assertThat(Xlsx.columnName(26)).isEqualTo("AA");
    }
}
