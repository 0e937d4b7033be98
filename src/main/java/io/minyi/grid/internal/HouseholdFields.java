package io.minyi.grid.internal;

import io.minyi.platform.fields.Choices;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import org.springframework.context.MessageSource;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A household's fields, each rule written once for the centre's form, the sheet's import, its export and template,
 * and the demo loader (decision 0058). The columns are those of the sheets people already keep, so they still import.
 * A household is named by its grid and address, which a stored one keeps (fixed). An ID number or a phone number may
 * come back as the mask the export wrote, meaning "keep the stored one": neither is stored or written out in clear.
 */
public record HouseholdFields(Field<String> grid, Field<String> building, Field<String> address, Field<String> head,
                              Field<String> idNumber, Field<String> phone, Field<Integer> members,
                              Field<String> care) {

    /** A sheet may come back in either language, whichever its writer read the pages in. */
    static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);
    /** An 18-character resident ID number, or the mask an export writes for one (first 3 and last 4 shown). */
    static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]|\\d{3}\\*{11}[\\dXx]{4}");
    /** The care kinds, each its own visiting rhythm (四必访); ORDINARY when a row says none. */
    static final List<String> CARE_KINDS = List.of("ORDINARY", "HARDSHIP", "MIGRANT", "EMPTY_NEST", "CORRECTION");
    private static final String COLUMN = "grid.householdSheet.col.";

    static HouseholdFields of(MessageSource messages) {
        return new HouseholdFields(
                Field.text("gridCode", COLUMN + "grid", true, 30).pickedBy("gridId", "grid.field.grid").fixed(),
                Field.text("building", COLUMN + "building", false, 100),
                Field.text("address", COLUMN + "address", true, 200).fixed(),
                Field.text("headName", COLUMN + "head", true, 50),
                Field.matching("idNumber", COLUMN + "idNumber", false, 18, ID_NUMBER, "grid.householdImport.idNumber"),
                Field.text("phone", COLUMN + "phone", false, 20),
                Field.integer("members", COLUMN + "members", false, 0, 99),
                Field.choice("care", COLUMN + "care", false,
                        Choices.named(CARE_KINDS, c -> c, c -> "grid.care." + c, messages, LANGUAGES)));
    }

    /** The fields in the sheet's column order, which is also the form's. */
    public FieldSpec spec() {
        return FieldSpec.of(grid, building, address, head, idNumber, phone, members, care);
    }

    /** One household's values, as a stored record (masked) or the demo loader (in clear) gives them. */
    FieldValues values(String gridCode, String buildingName, String addressText, String headName, String id,
                       String phoneNumber, Integer memberCount, String careKind) {
        return new FieldValues().put(grid, gridCode).put(building, buildingName).put(address, addressText)
                .put(head, headName).put(idNumber, id).put(phone, phoneNumber).put(members, memberCount)
                .put(care, careKind);
    }

    /** Whether a value is the mask an export wrote rather than a number typed in full. */
    static boolean masked(String value) {
        return value != null && value.contains("*");
    }
}
