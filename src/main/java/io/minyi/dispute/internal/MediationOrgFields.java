package io.minyi.dispute.internal;

import io.minyi.platform.EnumLabels;
import io.minyi.platform.fields.Choices;
import io.minyi.platform.fields.Field;
import io.minyi.platform.fields.FieldSpec;
import io.minyi.platform.fields.FieldValues;
import org.springframework.context.MessageSource;

import java.util.List;

/**
 * A mediation organisation's fields, each rule written once for the pool page's form and the demo loader (decision
 * 0058). The place is picked on the form from the caller's jurisdictions and named by its code otherwise.
 */
public record MediationOrgFields(Field<String> code, Field<String> name, Field<OrgKind> kind, Field<String> place) {

    static MediationOrgFields of(MessageSource messages) {
        return new MediationOrgFields(
                Field.matching("code", "dispute.pool.code", true, 30, MediatorFields.CODE, "dispute.invalid.orgCode"),
                Field.text("name", "dispute.pool.name", true, 100),
                Field.choice("kind", "dispute.pool.kind", true, Choices.named(List.of(OrgKind.values()), Enum::name,
                        EnumLabels::key, messages, MediatorFields.LANGUAGES)),
                Field.text("placeCode", "dispute.pool.placeCode", true, 30)
                        .pickedBy("jurisdictionId", "dispute.pool.place"));
    }

    public FieldSpec spec() {
        return FieldSpec.of(code, name, kind, place);
    }

    /** One organisation's values, as the demo loader gives them. */
    FieldValues values(String codeValue, String nameValue, OrgKind kindValue, String placeCode) {
        return new FieldValues().put(code, codeValue).put(name, nameValue).put(kind, kindValue).put(place, placeCode);
    }
}
