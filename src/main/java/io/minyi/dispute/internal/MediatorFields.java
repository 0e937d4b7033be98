package io.minyi.dispute.internal;

import io.minyi.platform.EnumLabels;
import io.minyi.platform.fields.Choices;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import org.springframework.context.MessageSource;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A mediator's fields, each rule written once for the pool page's form, the sheet's import, its export and template,
 * and the demo loader (decision 0058). The specialties offered are the dispute categories of the moment, so the fields
 * are made for each use ({@link PoolAdmin#fields()}).
 */
public record MediatorFields(Field<String> code, Field<String> name, Field<MediatorKind> kind, Field<String> org,
                             Field<String> phone, Field<Set<String>> specialties, Field<Set<String>> served,
                             Field<Boolean> active) {

    /** A sheet may come back in either language, whichever its writer read the pages in. */
    static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1,30}");
    /** Digits with what people type between them (spaces, brackets, dashes, a plus): 7 to 15 digits in all. */
    static final Pattern PHONE = Pattern.compile("(?:[\\s()+\\-]*\\d){7,15}[\\s()+\\-]*");
    private static final String COLUMN = "dispute.mediatorSheet.col.";

    static MediatorFields of(MessageSource messages, List<String> categories) {
        return new MediatorFields(
                Field.matching("code", COLUMN + "code", true, 30, CODE, "dispute.invalid.mediatorCode"),
                Field.text("name", COLUMN + "name", true, 50),
                Field.choice("kind", COLUMN + "kind", true, Choices.named(List.of(MediatorKind.values()), Enum::name,
                        EnumLabels::key, messages, LANGUAGES)),
                Field.text("orgCode", COLUMN + "orgCode", true, 30).pickedBy("orgId", "dispute.pool.org"),
                Field.matching("phone", COLUMN + "phone", false, 20, PHONE, "dispute.invalid.phone"),
                Field.choices("specialties", COLUMN + "specialties", false,
                        new Choices<>(() -> categories, c -> c, c -> c)),
                Field.keys("servedCodes", COLUMN + "servedCodes", 500),
                Field.choice("active", COLUMN + "active", false, Choices.named(List.of(true, false), String::valueOf,
                        yes -> "dispute.mediatorSheet." + (yes ? "yes" : "no"), messages, LANGUAGES)));
    }

    /** The fields in the sheet's column order, which is also the form's. */
    public FieldSpec spec() {
        return FieldSpec.of(code, name, kind, org, phone, specialties, served, active);
    }

    /** One mediator's values, as a stored record or the demo loader gives them. */
    FieldValues values(String codeValue, String nameValue, MediatorKind kindValue, String orgCode, String phoneValue,
                       List<String> specialtyNames, List<String> servedCodes, boolean isActive) {
        return new FieldValues().put(code, codeValue).put(name, nameValue).put(kind, kindValue).put(org, orgCode)
                .put(phone, phoneValue).put(specialties, new LinkedHashSet<>(specialtyNames))
                .put(served, new LinkedHashSet<>(servedCodes)).put(active, isActive);
    }
}
